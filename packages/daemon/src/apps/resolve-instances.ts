/** pm2's instance forms: a number or numeric string; `max` or 0 = one per CPU; -n = CPUs minus n, at least 1. */
export function resolveInstances(value: number | string | undefined, cpus: number): number {
  if (value === undefined) return 1;
  const count = value === 'max' ? 0 : typeof value === 'number' ? value : Number.parseInt(value, 10);
  if (count === 0) return cpus;
  return count < 0 ? Math.max(1, cpus + count) : count;
}
