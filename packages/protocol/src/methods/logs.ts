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
