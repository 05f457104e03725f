// Small shared helpers for the bench scripts: timing whole processes and summarising samples.
import { spawnSync } from 'node:child_process';

export function timeProcess(command, args, env) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return ms;
}

/** Linear-interpolated quantile (q in 0..1) of already sorted numbers. */
function quantileSorted(sorted, q) {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

export function median(samples) {
  return quantileSorted([...samples].sort((a, b) => a - b), 0.5);
}

/**
 * A figure from repeated runs: { median, min, max, q1, q3, n }, or null when there is no sample.
 * Non-finite samples (a run that produced no figure) are left out.
 */
export function summarize(samples) {
  const sorted = samples.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  return {
    median: quantileSorted(sorted, 0.5),
    min: sorted[0],
    max: sorted.at(-1),
    q1: quantileSorted(sorted, 0.25),
    q3: quantileSorted(sorted, 0.75),
    n: sorted.length,
  };
}

export function fmt(ms) {
  return `${ms.toFixed(1)} ms`;
}
