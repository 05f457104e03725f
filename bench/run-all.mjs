// `npm run bench`: every measure of bench/, svctl, pm2 and supervisord side by side in one run, bounded to
// 10 minutes on the project's 2-core machine, then bench/RESULTS.md (tables, with bench/notes.md merged in),
// bench/charts/<measure>.svg and bench/results.json (the raw figures) are rewritten.
//
// The budget: before each measure, the time left (minus what the remaining measures need at the least) decides
// whether it runs in full (more repeats), in quick mode, or not at all ("not run: time budget"), so the whole
// run stays within BUDGET_S whatever the machine's load. --quick runs every measure in quick mode and writes
// into bench/tmp/quick/ (ignored by git and lint), for development; --out=DIR writes elsewhere. --render measures
// nothing: it writes RESULTS.md and the charts again from results.json (after editing bench/notes.md). --merge
// (with --only) keeps the other measures of results.json and replaces only those run now: for a measure the
// budget left out on a loaded machine. Each measure says when it ran and at what load.
//
// The long measures (LONG: the 10-minute restart-storm soak, the 500 start/delete cycles) are outside the budget
// and the default run: --long runs them after the budgeted plan, or --only=soak,cycles by themselves (with --merge
// to keep the rest of results.json). A run without them keeps those of results.json, so RESULTS.md still has them
// and says at its top which run they come from. --quick makes them short (a 2-minute soak, 60 cycles).
//
// Usage: npm run bench [-- --quick] [-- --long] [-- --only=cli,startup [--merge]] [-- --out=DIR] [-- --render]   (after `npm run build`)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root } from './lib/apps.mjs';
import { pm2Version } from './lib/pm2.mjs';
import { parseNotes, renderResults } from './lib/results-md.mjs';
import { usableSupervisors } from './lib/supervisors.mjs';
import { supervisordVersion } from './lib/supervisord.mjs';
import { chartSvg } from './lib/svg-chart.mjs';
import { seriesSvg } from './lib/svg-series.mjs';
import { SUPERVISORS } from './lib/figures.mjs';
import { benchmark as cli } from './cli-latency.mjs';
import { benchmark as crashLoop } from './crash-loop.mjs';
import { benchmark as logs } from './logs-throughput.mjs';
import { benchmark as cycles } from './memory-cycles.mjs';
import { benchmark as reload } from './reload-under-load.mjs';
import { benchmark as rpc } from './rpc-load.mjs';
import { benchmark as scale } from './scale-1000.mjs';
import { benchmark as soak } from './soak-storm.mjs';
import { benchmark as stop } from './stop-grandchild.mjs';
import { benchmark as restart } from './supervise-restart.mjs';
import { benchmark as startup } from './supervise-startup.mjs';

const BUDGET_S = 600;
// Seconds each measure takes on the 2-core machine under moderate load, in full and in quick mode.
// Seconds, measured at load average 15-35 (other sessions sharing the 2 cores); a quiet machine takes about half.
// The start-up measure also gives the daemon CPU measure, in its own daemons (`cpu` options). The scale scenario
// comes right after it: with it, daemon RSS at 0, 100 and 1,000 apps. RESULTS.md lists them in this order.
const CPU = { full: { seconds: 4, windows: 3 }, quick: { seconds: 3, windows: 2 } };
// The two costliest first: a measure is only skipped when the budget is gone, which can happen to the last ones.
const PLAN = [
  { benchmark: startup, full: 330, quick: 180, options: (mode) => ({ cpu: CPU[mode] }) },
  { benchmark: scale, full: 240, quick: 150, options: () => ({ chatty: true }) },
  { benchmark: cli, full: 85, quick: 45 },
  { benchmark: restart, full: 115, quick: 55 },
  { benchmark: logs, full: 135, quick: 35 },
  { benchmark: crashLoop, full: 45, quick: 22 },
  { benchmark: stop, full: 35, quick: 20 },
  { benchmark: reload, full: 85, quick: 42 },
  { benchmark: rpc, full: 57, quick: 45 },
];
// Outside the budget, in this order after the plan: a fixed duration each (seconds on a quiet machine, for the
// log; the cycles take several times longer at a load average of 10 or more).
const LONG = [
  { benchmark: soak, full: 630, quick: 150 },
  { benchmark: cycles, full: 900, quick: 200 },
];

const argv = process.argv.slice(2);
const flag = (name) => argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const quickOnly = argv.includes('--quick');
const only = flag('only')?.split(',') ?? null;
const long = argv.includes('--long');
const out = path.resolve(flag('out') ?? path.join(root, 'bench', ...(quickOnly ? ['tmp', 'quick'] : [])));

const loadavg = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);
/** RESULTS.md (with bench/notes.md merged in), charts/<measure>.svg and results.json into `out`. */
function write(report) {
  const notesFile = path.join(root, 'bench', 'notes.md');
  const notes = fs.existsSync(notesFile) ? parseNotes(fs.readFileSync(notesFile, 'utf8')) : new Map();
  fs.mkdirSync(path.join(out, 'charts'), { recursive: true });
  // A measure left out of this run must not keep an older run's chart.
  for (const name of fs.readdirSync(path.join(out, 'charts'))) if (name.endsWith('.svg')) fs.rmSync(path.join(out, 'charts', name));
  for (const measure of report.measures) {
    if (measure.rows.length > 0) fs.writeFileSync(path.join(out, 'charts', `${measure.id}.svg`), measure.series ? seriesSvg(measure) : chartSvg(measure));
  }
  fs.writeFileSync(path.join(out, 'RESULTS.md'), renderResults(report, notes));
  fs.writeFileSync(path.join(out, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.error(`bench: wrote ${path.relative(root, path.join(out, 'RESULTS.md'))}, charts/ and results.json`);
}

const previousReport = () => {
  const file = path.join(out, 'results.json');
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
};

/**
 * `report`'s measures in place of the same ones in the results.json of `out` (the rest kept, in PLAN order).
 * The long measures say on their own which run they come from; the others are listed as run again.
 */
function merged(report) {
  const previous = previousReport();
  if (previous === null) return report;
  const fresh = new Map(report.measures.filter((measure) => !measure.skipped).map((measure) => [measure.id, measure]));
  const measures = previous.measures.map((measure) => fresh.get(measure.id) ?? measure);
  for (const measure of fresh.values()) if (!measures.includes(measure)) measures.push(measure);
  const again = [...fresh.values()].filter((measure) => !measure.long).map((measure) => measure.id);
  if (again.length === 0) return { ...previous, measures };
  const rerun = `${again.join(', ')} again at ${report.date} (${Math.round(report.durationS)} s, load average ${report.machine.loadBefore[0].toFixed(1)})`;
  return { ...previous, measures, merged: [...(previous.merged ?? []), rerun] };
}

/** A run that measured no long measure keeps those of the previous results.json (each says when it ran). */
function withPreviousLong(report) {
  const kept = (previousReport()?.measures ?? []).filter((measure) => measure.long && !report.measures.some((fresh) => fresh.id === measure.id));
  return { ...report, measures: [...report.measures, ...kept] };
}

if (argv.includes('--render')) {
  write(JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')));
  process.exit(0);
}

const started = Date.now();
const machine = { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, memoryGb: os.totalmem() / 2 ** 30, loadBefore: loadavg() };
const kinds = usableSupervisors();
const versions = {
  node: process.version,
  svctl: JSON.parse(fs.readFileSync(path.join(root, 'packages/cli/package.json'), 'utf8')).version,
  pm2: kinds.includes('pm2') ? pm2Version() : 'not installed',
  supervisord: supervisordVersion(),
};
console.error(`bench: ${kinds.join(', ')}; ${machine.cores} cores, load ${machine.loadBefore.join(' ')}; budget ${BUDGET_S} s${quickOnly ? ' (quick)' : ''}`);

const chosen = ({ benchmark }) => (only === null ? !benchmark.long || long : only.includes(benchmark.id));
const plan = [...PLAN, ...LONG].filter(chosen);
const measures = [];
for (const [index, step] of plan.entries()) {
  const { benchmark } = step;
  const elapsed = (Date.now() - started) / 1000;
  // The long measures run in full (or quick with --quick) whatever the budget, after the budgeted plan.
  const reserved = plan.slice(index + 1).filter((later) => !later.benchmark.long).reduce((sum, later) => sum + later.quick, 0);
  const left = benchmark.long ? Number.POSITIVE_INFINITY : BUDGET_S - elapsed - reserved;
  const quick = quickOnly || left < step.full;
  const measure = { id: benchmark.id, title: benchmark.title, what: benchmark.what, rows: [], mode: quick ? 'quick' : 'full', at: new Date().toISOString(), load: loadavg()[0] };
  if (benchmark.long) measure.long = true;
  measures.push(measure);
  if (left < step.quick) {
    measure.skipped = `time budget (${Math.round(left)} s left for it, ${step.quick} s needed in quick mode)`;
    console.error(`${benchmark.id}: skipped, ${measure.skipped}`);
    continue;
  }
  console.error(`\n== ${benchmark.id} (${measure.mode}${benchmark.long ? `, long: about ${step[measure.mode]} s on a quiet machine` : ''}), ${Math.round(elapsed)} s into the run`);
  const t0 = Date.now();
  try {
    const result = await benchmark.run({ kinds, quick, ...step.options?.(measure.mode) });
    measure.rows = result.rows;
    measure.lines = result.lines;
    if (result.series) measure.series = result.series;
    for (const also of result.also ?? []) measures.push({ ...also, mode: measure.mode, at: measure.at, load: measure.load });
  } catch (error) {
    measure.error = error.message.split('\n')[0];
    console.error(`${benchmark.id}: failed: ${error.stack}`);
  }
  measure.seconds = (Date.now() - t0) / 1000;
}
for (const measure of measures) {
  const when = `at ${measure.at.slice(11, 16)} UTC, load average ${measure.load.toFixed(1)}`;
  const repeats = measure.long ? (measure.mode === 'quick' ? 'shortened' : 'as the issue states it') : measure.mode === 'quick' ? 'fewer repeats' : 'all repeats';
  if (!measure.skipped) measure.what += ` (${measure.mode} mode: ${repeats}; ${when}${measure.seconds ? `; ${Math.round(measure.seconds)} s` : ''}.)`;
  // A supervisor left out of the run (supervisord not installed) reads n/a, not "not measured".
  for (const row of measure.rows) for (const kind of SUPERVISORS) if (!kinds.includes(kind) && row.values[kind] == null) row.values[kind] = { na: 'not installed' };
}

const report = {
  date: new Date(started).toISOString().replace(/:\d\d\.\d+Z$/, ' UTC').replace('T', ' '),
  mode: quickOnly ? 'quick' : 'full',
  durationS: (Date.now() - started) / 1000,
  machine: { ...machine, loadAfter: loadavg() },
  versions,
  measures,
};
console.error(`\nbench: done in ${Math.round(report.durationS)} s`);
write(argv.includes('--merge') ? merged(report) : withPreviousLong(report));
process.exitCode = measures.some((measure) => measure.error) ? 1 : 0;
