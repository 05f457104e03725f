// What every bench script exports for bench/run-all.mjs, and runs by itself when started as `node bench/x.mjs`:
//   export const benchmark = { id, title, what, async run({ kinds, quick, ...options }) → { rows, lines } }
// rows: [{ metric, unit, better: 'lower'|'higher'|undefined, floor, floorLabel, values: { svctl, pm2, supervisord } }]
// with values as described in ./figures.mjs; lines: extra sentences for the results (optional).
import fs from 'node:fs';
import os from 'node:os';
import { summarize } from './measure.mjs';
import { renderTable } from './results-md.mjs';
import { usableSupervisors } from './supervisors.mjs';

/** Runs `benchmark` with `options` (`only`: a comma-separated list of supervisors) and prints its table. */
export async function runStandalone(benchmark, { only = null, ...options } = {}) {
  const kinds = usableSupervisors(only === null ? undefined : only.split(','));
  const result = await benchmark.run({ kinds, quick: false, ...options });
  const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(`\n${benchmark.title}: node ${process.version}, ${os.cpus().length} cpus, load ${load}\n`);
  console.log(renderTable(result));
  for (const line of result.lines ?? []) console.log(`- ${line}`);
}

/**
 * Calls `step(kind)` for each supervisor, one after the other (or all at once with `parallel`); a failure is
 * logged and leaves that supervisor's figures out.
 */
export async function eachSupervisor(kinds, step, { parallel = false } = {}) {
  const results = {};
  const one = async (kind) => {
    try {
      results[kind] = await step(kind);
    } catch (error) {
      console.error(`${kind}: could not complete: ${error.message.split('\n')[0]}`);
    }
  };
  if (parallel) await Promise.all(kinds.map(one));
  else for (const kind of kinds) await one(kind);
  return Object.fromEntries(kinds.filter((kind) => kind in results).map((kind) => [kind, results[kind]]));
}

/** { svctl: summary, pm2: ..., supervisord: ... }: `pick` applied to each run of each supervisor, summarised. */
export function valuesOf(runsByKind, pick) {
  return Object.fromEntries(Object.entries(runsByKind).map(([kind, runs]) => [kind, summarize(runs.map(pick).filter((value) => value != null))]));
}
