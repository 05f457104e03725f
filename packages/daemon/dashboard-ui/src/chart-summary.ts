// What a chart says in words, for screen readers and as its caption: the latest value, the range and
// the time the samples cover. Pure.

export function chartSummary(values: ReadonlyArray<number | null>, format: (value: number) => string, intervalMs: number | undefined): string {
  const known = values.filter((value): value is number => value !== null);
  const latest = known.at(-1);
  if (latest === undefined) return 'no samples yet';
  const span = intervalMs === undefined || values.length < 2 ? '' : ` over the last ${formatSpan((values.length - 1) * intervalMs)}`;
  return `latest ${format(latest)}, min ${format(Math.min(...known))}, max ${format(Math.max(...known))}${span} (${values.length} ${values.length === 1 ? 'sample' : 'samples'})`;
}

function formatSpan(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 120 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
}
