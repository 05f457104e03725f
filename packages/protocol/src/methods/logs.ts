// Reading, following and maintaining app logs (stdout/stderr captured by the daemon).
import { Type, type Static } from '@sinclair/typebox';
import { defineMethod } from '../define.js';
import { StringEnum } from '../schema-helpers.js';

/** Which lines: every app (no target) or a target, and which stream. */
const Selection = {
  target: Type.Optional(Type.String({ minLength: 1, description: '`all`, an id, a name, a namespace, or a path to an app file; absent = every app, including apps started later (follow).' })),
  cwd: Type.Optional(Type.String({ description: "The CLI's cwd, for a target that is an app file." })),
  stream: Type.Optional(StringEnum(['out', 'err', 'all'], { description: 'stdout, stderr or both (default).' })),
  lines: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, description: 'How many of the last lines of each stream of each app (default 15).' })),
};

export const LogEntrySchema = Type.Object({
  at: Type.Union([Type.String(), Type.Null()], { description: 'Capture time (ISO 8601, ms); null for lines read back from a file that does not record it.' }),
  app: Type.String(),
  instance: Type.Integer(),
  stream: StringEnum(['out', 'err', 'svctl'], { description: '`svctl` marks lines from svctl itself: restarts, log write failures.' }),
  msg: Type.String({ description: 'The line, without its newline.' }),
});

export type LogEntry = Static<typeof LogEntrySchema>;

/** Most lines a backlog holds; the backlog is also capped at 4 MiB of text (older lines are left out). */
export const LOGS_MAX_LINES = 1_000_000;

export const LogsTail = defineMethod({
  name: 'logs.tail',
  readOnly: true,
  description:
    'Streams the last `lines` lines of each stream of each selected app (items: { entries }, interleaved by capture time; from the in-memory ring when it holds them, else read back from the log files, rotated ones included), then, with follow, every new line as it is written, across restarts (a `svctl` entry marks each) and, without a target, for apps started later. Without follow the stream ends after the backlog. A follower that does not keep up is cut off (the stream ends with SLOW_CONSUMER).',
  params: Type.Object({ ...Selection, follow: Type.Optional(Type.Boolean({ description: 'Keep streaming new lines (default false).' })) }, { additionalProperties: false }),
  result: Type.Object({ subscription: Type.String() }),
  item: Type.Object({ entries: Type.Array(LogEntrySchema) }),
});

export const LogsFlush = defineMethod({
  name: 'logs.flush',
  description: 'Empties the log files of the selected apps (current files truncated, rotated files removed) while the apps keep writing; clears their in-memory lines.',
  params: Type.Object({ target: Selection.target, cwd: Selection.cwd }, { additionalProperties: false }),
  result: Type.Object({ files: Type.Array(Type.String(), { description: 'The files emptied.' }) }),
});

export const LogsReopen = defineMethod({
  name: 'logs.reopen',
  description: 'Closes and reopens every log file (after an external logrotate moved them away).',
  params: Type.Object({}, { additionalProperties: false }),
  result: Type.Object({ files: Type.Array(Type.String(), { description: 'The files reopened.' }) }),
});

/** Bounds of one logs.search: its defaults and the most a caller may ask. */
export const LOGS_SEARCH_LIMITS = {
  maxMatches: { default: 500, max: 5_000 },
  maxBytes: { default: 256 * 1024 * 1024, max: 4 * 1024 * 1024 * 1024 },
  timeLimitMs: { default: 3_000, max: 30_000 },
  /** Characters of a matching line sent back (longer ones are cut, saying by how much). */
  lineChars: 2_000,
  /** Characters of all the matches sent back (stays well within a frame); the search stops there. */
  resultChars: 512 * 1024,
} as const;

export const LogsSearch = defineMethod({
  name: 'logs.search',
  readOnly: true,
  description:
    "Searches an app's log files (the current file and the rotated `.1`..`.N` of each selected stream of each instance; compressed `.gz` files are not read), newest lines first, for a plain text (case-insensitive unless case_sensitive) or a regular expression in RE2 syntax (linear time: no backreferences or lookarounds). Bounded: it stops at max_matches matches, after max_bytes bytes read or after time_limit_ms, and says which (stopped_by). The matches come back oldest first.",
  params: Type.Object(
    {
      target: Type.String({ minLength: 1, description: 'An id, a name, a namespace, `all`, or a path to an app file.' }),
      cwd: Selection.cwd,
      stream: Selection.stream,
      pattern: Type.String({ minLength: 1, maxLength: 1_000, description: 'The text (or regular expression) to find in each line.' }),
      regex: Type.Optional(Type.Boolean({ description: 'pattern is a regular expression, RE2 syntax (default false: plain text).' })),
      case_sensitive: Type.Optional(Type.Boolean({ description: 'Match case exactly (default false).' })),
      max_matches: Type.Optional(Type.Integer({ minimum: 1, maximum: LOGS_SEARCH_LIMITS.maxMatches.max, description: 'Stop after this many matches, the newest (default 500).' })),
      max_bytes: Type.Optional(Type.Integer({ minimum: 1, maximum: LOGS_SEARCH_LIMITS.maxBytes.max, description: 'Stop after reading this many bytes of log files (default 256 MiB).' })),
      time_limit_ms: Type.Optional(Type.Integer({ minimum: 1, maximum: LOGS_SEARCH_LIMITS.timeLimitMs.max, description: 'Stop after this long (default 3000 ms).' })),
    },
    { additionalProperties: false },
  ),
  result: Type.Object({
    matches: Type.Array(LogEntrySchema, { description: 'Oldest first; lines longer than 2,000 characters are cut (the entry says by how much).' }),
    stopped_by: Type.Union([StringEnum(['max_matches', 'max_bytes', 'time_limit', 'result_size']), Type.Null()], {
      description: 'Why the search stopped before reading every file (older lines were not searched), or null when it read them all. result_size: the matches reached 512 KiB of text.',
    }),
    bytes_scanned: Type.Integer({ description: 'Bytes of log files read.' }),
    files: Type.Array(Type.String(), { description: 'The files read (whole or in part).' }),
  }),
});
