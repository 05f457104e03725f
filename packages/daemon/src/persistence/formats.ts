// The on-disk formats of the dump (`svctl save`) and of the crash journal, as JSON Schemas.
// Both hold full app specs, environments included, so both are written with mode 0600.
import { Type, type Static } from '@sinclair/typebox';
import { AppSpecSchema } from '@svctl/protocol';

const Desired = Type.Union([Type.Literal('running'), Type.Literal('stopped')]);

const SavedAppSchema = Type.Object({
  id: Type.Integer({ minimum: 0 }),
  desired: Desired,
  spec: AppSpecSchema,
});

export const DUMP_FORMAT = 'svctl-dump';
export const JOURNAL_FORMAT = 'svctl-journal';
export const JOURNAL_SPECS_FORMAT = 'svctl-journal-specs';

export const DumpSchema = Type.Object({
  format: Type.Literal(DUMP_FORMAT),
  version: Type.Literal(1),
  saved_at: Type.String(),
  svctl_version: Type.String(),
  apps: Type.Array(SavedAppSchema),
});

export type Dump = Static<typeof DumpSchema>;

/** One live process of an instance, identified by pid AND start time so a recycled pid is never taken for it. */
const JournalProcessSchema = Type.Object({
  instance: Type.Integer({ minimum: 0 }),
  pid: Type.Integer({ minimum: 1 }),
  pgid: Type.Integer({ minimum: 1 }),
  start_time: Type.Integer({ minimum: 0, description: '/proc/PID/stat field 22 (clock ticks since boot).' }),
});

export type JournalProcess = Static<typeof JournalProcessSchema>;

/** One app of the journal's state part: its spec is stored once, in the specs file, under `spec_hash`. */
export const JournalEntrySchema = Type.Object({
  id: Type.Integer({ minimum: 0 }),
  name: Type.String(),
  desired: Desired,
  spec_hash: Type.String({ description: 'Key of the spec in journal-specs.json (an id given by the daemon; a content hash in journals written before 2026-12).' }),
  processes: Type.Array(JournalProcessSchema),
});

export type JournalEntry = Static<typeof JournalEntrySchema>;

/** The state part, rewritten on every change. Entries are validated one by one at replay, so one bad entry costs only itself. */
export const JournalSchema = Type.Object({
  format: Type.Literal(JOURNAL_FORMAT),
  version: Type.Literal(2),
  written_at: Type.String(),
  daemon_pid: Type.Integer(),
  /** Set when a clean stop began: the next daemon stops leftovers but starts nothing. */
  stopping: Type.Boolean(),
  apps: Type.Array(Type.Unknown()),
});

export type Journal = Static<typeof JournalSchema>;

/** The specs part, written only when the set of specs changes. Specs are validated one by one at replay. */
export const JournalSpecsSchema = Type.Object({
  format: Type.Literal(JOURNAL_SPECS_FORMAT),
  version: Type.Literal(1),
  specs: Type.Record(Type.String(), Type.Unknown()),
});

export type JournalSpecs = Static<typeof JournalSpecsSchema>;
