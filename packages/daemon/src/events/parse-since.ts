import { parseDuration, SvctlError } from '@svctl/protocol';

/** `since` as epoch ms: a duration back from `now` ("10m", "90s", "1500") or an ISO 8601 time. */
export function parseSince(since: string, now: number): number {
  const duration = parseDuration(since);
  if (duration !== undefined) return now - duration;
  const time = Date.parse(since);
  if (Number.isNaN(time)) {
    throw new SvctlError('INVALID_PARAMS', `since: "${since}" is neither a duration nor an ISO 8601 time`, {
      hint: 'e.g. --since 10m, --since 90s or --since 2024-05-01T12:00:00Z',
    });
  }
  return time;
}
