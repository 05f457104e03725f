// Issue 10 "memory returned" and issue 9 "must not grow": daemon RSS before and after N start/delete cycles of
// uniquely named apps, each printing ~1.2 MB before it is deleted (the case that used to keep ~1.2 MB per cycle).
// A long measure: not in the 10-minute `npm run bench`, run with `npm run bench -- --long` (or `--only=cycles --merge`).
// RSS is read settled, after a warm-up of 20 cycles (code paths compiled, heap grown to its working size).
// Target (svctl): growth under 5 MB over 500 cycles, every cycle completed, no app left.
// Cycles run PARALLEL at a time (each its own app), to keep the wall time reasonable on a loaded machine.
// pm2 runs the same cycles afterwards as a comparison (no target), bounded in time: past the bound its row reads
// "cut". A cycle that fails stops that supervisor's cycles; its figures then say how many completed, and the
// ones not reached read "not measured".
// Usage: node bench/memory-cycles.mjs [cycles=500] [--only=svctl,pm2]
import fs from 'node:fs';
import path from 'node:path';
import { isMain, makeAppsDir, onInterrupt, parseArgs, reapByArg, settledRssKb, sleep, uniqueSleep } from './lib/apps.mjs';
import { eachSupervisor, runStandalone } from './lib/benchmark.mjs';
import { formatNumber } from './lib/figures.mjs';
import { summarize } from './lib/measure.mjs';
import { createSupervisor } from './lib/supervisors.mjs';

const WARM_UP = 20;
const PRINTED = 1_200_000;
const PARALLEL = 5;
const GROWTH_TARGET_MB = 5;
// The apps idle on this argument after printing, so any a supervisor leaves behind can be reaped.
const SLEEP = uniqueSleep();

/** The cycles of one supervisor, each app a unique name: start, wait until it printed, delete. */
function cycler(supervisor, dir) {
  let next = 0;
  async function runCycle() {
    const name = `cycle-${next++}`;
    const file = path.join(dir, `${supervisor.name}-${name}.json`);
    // Prints its lines, then says so in a file: the delete comes once the output is all written.
    const done = path.join(dir, `${supervisor.name}-${name}.done`);
    const script = `head -c ${(PRINTED / 100) * 99} /dev/zero | tr '\\0' y | fold -w 99; echo; touch ${done}; exec sleep ${SLEEP}`;
    fs.writeFileSync(file, JSON.stringify({ apps: [{ name, script: '/bin/sh', args: ['-c', script], interpreter: 'none', cwd: dir }] }));
    await supervisor.start(file);
    const deadline = Date.now() + 60_000;
    while (!fs.existsSync(done)) {
      if (Date.now() > deadline) throw new Error(`${name} did not finish printing within 60 s`);
      await sleep(10);
    }
    await supervisor.cli('delete', name);
    fs.rmSync(done, { force: true });
    fs.rmSync(file, { force: true });
  }
  /** `count` cycles, PARALLEL at a time, until `deadline` (ms): how many completed, and the first failure. */
  return async function runCycles(count, deadline = Number.POSITIVE_INFINITY) {
    let left = count;
    let completed = 0;
    let failure = null;
    const worker = async () => {
      while (left > 0 && failure === null && Date.now() < deadline) {
        left--;
        try {
          await runCycle();
          completed++;
        } catch (error) {
          failure ??= error.message.split('\n')[0];
        }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    return { completed, failure };
  };
}

async function measureCycles(kind, dir, cycles, boundMs) {
  const supervisor = createSupervisor(kind, { timeoutMs: 120_000 });
  // Figures stay null until measured: a step that fails leaves the rest "not measured", never a pass.
  const result = { cycles, completed: 0, failure: null, beforeKb: null, afterKb: null, left: null, seconds: null };
  try {
    const pid = await supervisor.startDaemon();
    const runCycles = cycler(supervisor, dir);
    const warmUp = await runCycles(WARM_UP);
    if (warmUp.failure !== null) throw new Error(`warm-up: ${warmUp.failure}`);
    result.beforeKb = (await settledRssKb(pid)).kb;
    const started = Date.now();
    Object.assign(result, await runCycles(cycles, started + boundMs));
    result.seconds = (Date.now() - started) / 1000;
    result.afterKb = (await settledRssKb(pid, { maxMs: 15_000 })).kb;
    result.left = (await supervisor.list()).length;
  } catch (error) {
    result.failure ??= error.message.split('\n')[0];
  } finally {
    await supervisor.cleanup().catch((error) => console.error(`${kind} cleanup: ${error.message}`));
    reapByArg(SLEEP);
    console.error(`cycles ${kind}: ${JSON.stringify(result)}`);
  }
  return result;
}

/** The row of one figure, per supervisor: a number, or (a figure read after the cycles) what stopped them. */
function valuesOf(results, pick, { afterCycles = true } = {}) {
  return Object.fromEntries(
    Object.entries(results).map(([kind, r]) => {
      const value = pick(r);
      if (value == null) return [kind, null];
      if (afterCycles && r.completed < r.cycles) return [kind, { text: `${formatNumber(value)} after ${r.completed} of ${r.cycles} cycles (${r.failure === null ? 'cut at the time bound' : 'a step failed'})` }];
      return [kind, summarize([value])];
    }),
  );
}

/** svctl's target verdict: growth < 5 MB with every cycle completed and no app left; null when not measured. */
function growthTarget(svctl) {
  const text = `< ${GROWTH_TARGET_MB} MB, all cycles completed, no app left`;
  if (svctl?.afterKb == null) return { text, met: null, figure: 'not measured' };
  const growthMb = (svctl.afterKb - svctl.beforeKb) / 1024;
  const figure = `${formatNumber(growthMb)} MB: ${formatNumber(svctl.beforeKb / 1024)} → ${formatNumber(svctl.afterKb / 1024)} MB, ${svctl.completed} of ${svctl.cycles} cycles, ${svctl.left} left`;
  return { text, met: growthMb < GROWTH_TARGET_MB && svctl.completed === svctl.cycles && svctl.left === 0, figure };
}

export const benchmark = {
  id: 'cycles',
  title: 'Daemon RSS over start/delete cycles',
  what:
    'A long measure (`npm run bench -- --long`). Uniquely named apps, each printing 1.2 MB and then deleted, ' +
    `${PARALLEL} at a time; daemon RSS (settled) after ${WARM_UP} warm-up cycles and after the measured cycles. ` +
    `Target (issues 9 and 10, svctl): RSS grows by under ${GROWTH_TARGET_MB} MB over 500 cycles. pm2 runs the same ` +
    'cycles afterwards as a comparison (no target), bounded in time; supervisord has no start/delete of an app file.',
  long: true,
  async run({ kinds, quick, cycles = quick ? 60 : 500, pm2Seconds = quick ? 120 : 600 }) {
    if (!kinds.includes('svctl')) throw new Error('the cycles measure svctl (pm2 only beside it)');
    const dir = makeAppsDir();
    const unregister = onInterrupt(() => reapByArg(SLEEP));
    try {
      const bounds = { svctl: Number.POSITIVE_INFINITY, pm2: pm2Seconds * 1000 };
      const results = await eachSupervisor(kinds.filter((kind) => kind in bounds), (kind) => measureCycles(kind, dir.dir, cycles, bounds[kind]));
      const na = kinds.includes('supervisord') ? { supervisord: { na: 'no start/delete of an app file' } } : {};
      const target = growthTarget(results.svctl);
      const rows = [
        { metric: `daemon RSS after ${WARM_UP} warm-up cycles`, unit: 'MB', better: 'lower', values: { ...valuesOf(results, (r) => r.beforeKb && r.beforeKb / 1024, { afterCycles: false }), ...na } },
        { metric: `daemon RSS after ${cycles} more cycles`, unit: 'MB', better: 'lower', values: { ...valuesOf(results, (r) => r.afterKb && r.afterKb / 1024), ...na } },
        // No "better" here: a growth can be negative, which a ratio cannot compare; the row above compares.
        { metric: `RSS growth over ${cycles} cycles`, unit: 'MB', values: { ...valuesOf(results, (r) => r.afterKb && (r.afterKb - r.beforeKb) / 1024), ...na }, target },
        { metric: 'apps left after the deletes', unit: '', values: { ...valuesOf(results, (r) => r.left), ...na } },
        { metric: `wall time of the ${cycles} cycles`, unit: 's', values: { ...valuesOf(results, (r) => r.seconds), ...na } },
      ];
      const lines = [];
      if (cycles !== 500) lines.push(`${cycles} cycles in this run: the target is stated for 500, so this verdict is only indicative.`);
      for (const [kind, r] of Object.entries(results)) if (r.failure !== null) lines.push(`${kind}: failed after ${r.completed} of ${r.cycles} cycles: ${r.failure}`);
      return { rows, lines };
    } finally {
      unregister();
      dir.dispose();
    }
  },
};

if (isMain(import.meta.url)) {
  const options = parseArgs(process.argv.slice(2), { cycles: 500 });
  await runStandalone(benchmark, { only: options.only ?? 'svctl', cycles: options.cycles });
}
