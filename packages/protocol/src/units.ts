// Sizes ("10M", "1.5G", 1024) and durations ("5s", "200ms", 1000) as users write them in files and flags.

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3 };
const DURATION_UNITS: Record<string, number> = { '': 1, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export const SIZE_STRING_PATTERN = '^\\s*[0-9]+(\\.[0-9]+)?\\s*([kKmMgG][bB]?|[bB])?\\s*$';
export const DURATION_STRING_PATTERN = '^\\s*[0-9]+(\\.[0-9]+)?\\s*(ms|s|m|h|d)?\\s*$';
/** The ajv format of duration strings a timer can hold (validation.ts registers it). */
export const BOUNDED_DURATION_FORMAT = 'svctl-timer-duration';
/** The ajv format of size strings whose bytes a number holds exactly (validation.ts registers it). */
export const BOUNDED_SIZE_FORMAT = 'svctl-exact-size';
/** The ajv format of duration strings that are ages, not timers (log_max_age): ms a number holds exactly. */
export const BOUNDED_AGE_FORMAT = 'svctl-exact-duration';

/** Bytes from a number of bytes or a string such as "200M"; undefined when unreadable. */
export function parseSize(value: number | string): number | undefined {
  return parseWithUnits(value, SIZE_UNITS);
}

/** Milliseconds from a number of ms or a string such as "5s"; undefined when unreadable. */
export function parseDuration(value: number | string): number | undefined {
  return parseWithUnits(value, DURATION_UNITS);
}

function parseWithUnits(value: number | string, units: Record<string, number>): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
  const match = /^\s*([0-9]+(?:\.[0-9]+)?)\s*([a-zA-Z]*)\s*$/.exec(value);
  if (match === null) return undefined;
  const factor = units[(match[2] ?? '').toLowerCase()];
  return factor === undefined ? undefined : Math.round(Number(match[1]) * factor);
}
