// How a figure from the bench reads: the value kinds a measure returns for one supervisor, and their text.
// A value is one of
//   { median, min, max, q1, q3, n }   a summary of repeated runs (summarize() in ./measure.mjs)
//   { text }                          a non-numeric outcome (a final state)
//   { text, atLeast }                 a step cut at a bound: the figure is more than atLeast ("cut at 30 s")
//   { na }                            no counterpart in this supervisor, or not installed (the reason)
//   null / undefined                  not measured (the run failed; the log says why)

export const SUPERVISORS = ['svctl', 'pm2', 'supervisord'];

export const isSummary = (value) => value != null && typeof value.median === 'number';

/** A number with its unit, rounded to what the measurement can tell apart. */
export function formatNumber(value, unit = '') {
  const magnitude = Math.abs(value);
  const digits = Number.isInteger(value) ? 0 : magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2;
  const text = value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  if (unit === '') return text;
  return unit === '%' ? `${text} %` : `${text} ${unit}`;
}

/** A ratio as "1.30x", always with two decimals. */
export const formatRatio = (ratio) => `${ratio.toFixed(2)}x`;

/** "12.3 ms (11.9-13.0, n=5)": the median, then the spread (min-max) when there is more than one run. */
export function formatSummary(summary, unit) {
  const main = formatNumber(summary.median, unit);
  if (summary.n < 2) return `${main} (n=1)`;
  return `${main} (${formatNumber(summary.min)}–${formatNumber(summary.max)}, n=${summary.n})`;
}

export function formatValue(value, unit) {
  if (value == null) return 'not measured';
  if (isSummary(value)) return formatSummary(value, unit);
  if (value.text !== undefined) return value.text;
  return `n/a (${value.na})`;
}

/**
 * How many times better `a` is than `b` (> 1: a is better), for a figure where `better` is lower or higher:
 * { ratio, atLeast } (atLeast: `b` was cut at a bound, so the ratio is a lower bound), or null when the two
 * cannot be compared.
 */
export function advantage(a, b, better) {
  if (!isSummary(a) || better === undefined) return null;
  if (better === 'lower' && b?.atLeast !== undefined && a.median < b.atLeast) return { ratio: a.median === 0 ? Number.POSITIVE_INFINITY : b.atLeast / a.median, atLeast: true };
  if (!isSummary(b)) return null;
  const [good, bad] = better === 'lower' ? [b.median, a.median] : [a.median, b.median];
  if (good === bad) return { ratio: 1, atLeast: false };
  return { ratio: bad === 0 ? Number.POSITIVE_INFINITY : good / bad, atLeast: false };
}
