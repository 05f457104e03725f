// Writes bench/RESULTS.md from one run of bench/run-all.mjs: the machine, the versions, then per measure a
// table (svctl, pm2 and supervisord side by side, the physical floor and each figure's ratio to it) with its
// chart beside it and the hand-kept notes of bench/notes.md merged in. Pure: text in, text out.
import { SUPERVISORS, advantage, formatRatio, formatValue, isSummary } from './figures.mjs';

/** bench/notes.md: a "## <measure id>" heading per measure; "## general" goes at the top. */
export function parseNotes(text) {
  const notes = new Map();
  let current = null;
  for (const line of text.split('\n')) {
    const heading = /^## +(\S+)\s*$/.exec(line);
    if (heading) {
      current = heading[1];
      notes.set(current, []);
    } else if (current !== null) notes.get(current).push(line);
  }
  return new Map([...notes].map(([id, lines]) => [id, lines.join('\n').trim()]));
}

const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');

function withFloor(value, row) {
  const text = formatValue(value, row.unit);
  if (!isSummary(value) || !isSummary(row.floor) || row.floor.median === 0) return text;
  return `${text} · ${formatRatio(value.median / row.floor.median)} floor`;
}

/** "ahead, 1.62x" / "behind, 0.80x" / "tie" / "ahead, > 3.00x" (pm2 cut): svctl against pm2, or '' when not comparable. */
export function versusPm2(row) {
  const compared = advantage(row.values.svctl, row.values.pm2, row.better);
  if (compared === null) return '';
  const { ratio, atLeast } = compared;
  if (ratio === 1) return 'tie';
  const shown = Number.isFinite(ratio) ? `${atLeast ? '> ' : ''}${formatRatio(ratio)}` : 'svctl 0';
  return `${ratio > 1 ? 'ahead' : '**behind**'}, ${shown}`;
}

/**
 * A row's target verdict (svctl's): "met (figure)", "**missed** (figure)", or "not measured (figure)" when a
 * step failed or a sample is missing: never a pass on missing data.
 */
export function verdictText(target) {
  const outcome = target.met === true ? 'met' : target.met === false ? '**missed**' : 'not measured';
  return target.figure ? `${outcome} (${target.figure})` : outcome;
}

export function renderTable(measure) {
  // Measures with targets (the long ones) get two more columns: the target, and svctl's verdict against it.
  const targets = measure.rows.some((row) => row.target);
  const lines = [
    `| figure | floor (no supervisor) | svctl | pm2 | supervisord | svctl vs pm2 |${targets ? ' target (svctl) | verdict |' : ''}`,
    `| --- | --- | --- | --- | --- | --- |${targets ? ' --- | --- |' : ''}`,
  ];
  for (const row of measure.rows) {
    const floor = row.floor == null ? '–' : `${formatValue(row.floor, row.unit)}${row.floorLabel ? ` (${row.floorLabel})` : ''}`;
    const metric = `${row.metric}${row.better ? ` (${row.better} is better)` : ''}`;
    const verdict = targets ? (row.target ? [row.target.text, verdictText(row.target)] : ['', '']) : [];
    lines.push(`| ${[metric, floor, ...SUPERVISORS.map((kind) => withFloor(row.values[kind], row)), versusPm2(row), ...verdict].map(cell).join(' | ')} |`);
  }
  return lines.join('\n');
}

/**
 * The line at the top about the long measures (outside the 10-minute run): which run each comes from, and
 * how many of their targets were met; '' when the report has none.
 */
export function longMeasuresLine(measures) {
  const long = measures.filter((measure) => measure.long);
  if (long.length === 0) return '';
  const runs = long.map((measure) => {
    if (measure.skipped) return `[${measure.title}](#${measure.id}): not run (${measure.skipped})`;
    const when = `${measure.at.slice(0, 16).replace('T', ' ')} UTC, ${measure.mode} mode${measure.seconds ? `, ${Math.round(measure.seconds)} s` : ''}, load average ${measure.load.toFixed(1)}`;
    return `[${measure.title}](#${measure.id}) from the run of ${when}${measure.error ? ' (**failed**)' : ''}`;
  });
  const targets = long.flatMap((measure) => (measure.rows ?? []).filter((row) => row.target).map((row) => row.target));
  const met = targets.filter((target) => target.met === true).length;
  return (
    `Long measures (not in the 10-minute run; \`npm run bench -- --long\`, or \`--only=soak,cycles --merge\`): ${runs.join('; ')}.` +
    (targets.length === 0 ? '' : ` **Their targets: met ${met} of ${targets.length}.**`)
  );
}

/** Figures where svctl is behind pm2, as "measure: figure" for the summary. */
export function behindPm2(measures) {
  const behind = [];
  let compared = 0;
  for (const measure of measures) {
    for (const row of measure.rows ?? []) {
      const comparison = advantage(row.values.svctl, row.values.pm2, row.better);
      if (comparison === null) continue;
      compared++;
      if (comparison.ratio < 1) behind.push(`[${measure.title}](#${measure.id}): ${row.metric}`);
    }
  }
  return { compared, behind };
}

const load = (values) => values.map((value) => value.toFixed(2)).join(' / ');

function renderMeasure(measure, notes) {
  const parts = [`<a id="${measure.id}"></a>`, `## ${measure.title}`, '', measure.what, ''];
  if (measure.skipped) parts.push(`**Not run:** ${measure.skipped}`, '');
  if (measure.error) parts.push(`**Failed:** ${measure.error}`, '');
  if (measure.rows?.length > 0) {
    parts.push(`[![${measure.title}: chart](charts/${measure.id}.svg)](charts/${measure.id}.svg)`, '', renderTable(measure), '');
  }
  for (const line of measure.lines ?? []) parts.push(`- ${line}`);
  if (measure.lines?.length > 0) parts.push('');
  const note = notes.get(measure.id);
  if (note) parts.push(note, '');
  return parts.join('\n');
}

export function renderResults(report, notes = new Map()) {
  const { machine, versions } = report;
  const { compared, behind } = behindPm2(report.measures);
  const parts = [
    '# Benchmark results',
    '',
    '<!-- Generated by `npm run bench` (bench/run-all.mjs): do not edit by hand. Notes per measure go in',
    '     bench/notes.md (merged in here); the hand-written history of earlier runs is bench/HISTORY.md. -->',
    '',
    `Run of ${report.date} (${report.mode} mode, ${Math.round(report.durationS)} s), every supervisor in the same run on the same machine.` +
      (report.merged ? ` Measures the 10-minute budget left out were run by themselves afterwards (\`--only=... --merge\`): ${report.merged.join('; ')}.` : ''),
    'How to run it and what each measure does: [bench/README.md](README.md).',
    '',
    longMeasuresLine(report.measures),
    '',
    '| machine | |',
    '| --- | --- |',
    `| cpu | ${cell(machine.cpu)} |`,
    `| cores | ${machine.cores} |`,
    `| memory | ${machine.memoryGb.toFixed(1)} GB |`,
    `| load average (1 / 5 / 15 min) at the start | ${load(machine.loadBefore)} |`,
    `| load average at the end | ${load(machine.loadAfter)} |`,
    `| node | ${versions.node} |`,
    `| svctl | ${versions.svctl} |`,
    `| pm2 | ${versions.pm2} |`,
    `| supervisord | ${versions.supervisord} |`,
    '',
    'Each figure is the median of repeated runs, then its spread: (min–max, n = runs). "floor" is the same work',
    'done without any supervisor (`node -e 0` for a CLI call, the writer straight into a file for logs, the same',
    'processes spawned directly for start-up); "x floor" is a figure divided by it. "svctl vs pm2" says how many',
    'times better svctl is (ahead) or worse (behind) on that figure. Ratios within one run are what counts: the',
    'machine is shared, so absolute times move with its load.',
    '',
    `**svctl against pm2: ahead or tied on ${compared - behind.length} of ${compared} compared figures.**` +
      (behind.length === 0 ? '' : ` Behind on: ${behind.join('; ')} (each has a note below).`),
    '',
  ];
  const general = notes.get('general');
  if (general) parts.push(general, '');
  for (const measure of report.measures) parts.push(renderMeasure(measure, notes));
  return `${parts.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
