// The keys of journal-specs.json, by which the state file names each app's spec.
// Until 2026-12 a key was a SHA-256 of the spec. It is now an id the daemon gives a spec, because hashing loaded
// node:crypto into the daemon as soon as an app ran (~0.5 MB of RSS with 100 apps, issue 9), and a content hash is not needed:
// specs are replaced, never changed in place, so an app keeps its key until it takes another spec, and keeps it
// even then when the new spec is equal (its file applied again unchanged, or restored after a crash): the specs
// file is still rewritten only when the set of specs changes. A new key is unique to the daemon run, so a key names
// one content for good, and the state file of one daemon and the specs file of the next (a daemon that died between
// its two writes) never pair an app with another spec. Recovery only looks keys up: journals keyed by hash are read
// as before.
import { isDeepStrictEqual } from 'node:util';
import type { AppSpec } from '@svctl/protocol';

/** An app's spec and its key. */
export interface KnownSpec {
  id: number;
  key: string;
  spec: AppSpec;
}

/** New keys are `RUN-N`: RUN is unique to this daemon process (its pid and start time), N counts up. */
const RUN = `${process.pid.toString(36)}-${Date.now().toString(36)}`;
let given = 0;

export class SpecKeys {
  /** Each app's spec and key as of the last snapshot (at first: the previous daemon's journal). */
  #byApp: Map<number, KnownSpec>;
  #next = new Map<number, KnownSpec>();

  constructor(recovered: readonly KnownSpec[]) {
    this.#byApp = new Map(recovered.map((known) => [known.id, known]));
  }

  /** The key of app `id`'s spec; called for every app of a snapshot, then endSnapshot(). */
  keyOf(id: number, spec: AppSpec): string {
    let known = this.#byApp.get(id);
    if (known?.spec !== spec) {
      known = { id, spec, key: known !== undefined && isDeepStrictEqual(known.spec, spec) ? known.key : `${RUN}-${(++given).toString(36)}` };
    }
    this.#next.set(id, known);
    return known.key;
  }

  /** Forgets the apps that were not in the snapshot (deleted). */
  endSnapshot(): void {
    this.#byApp = this.#next;
    this.#next = new Map();
  }
}
