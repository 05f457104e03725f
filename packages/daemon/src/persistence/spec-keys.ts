// The keys of journal-specs.json: the state file names each app's spec by its key.
// Until 2026-12 the key was a SHA-256 of the spec; it is now an id given to a spec object, because hashing
// loaded node:crypto into the daemon as soon as one app ran (~1.5 MB of RSS, issue 9) and a content hash
// is not needed: specs are replaced, never changed in place, so an object keeps its key, and an app that
// takes an equal spec (its file applied again unchanged, or restored after a crash) keeps its key, so the
// specs file is rewritten only when the set of specs changes, as before. A key names one content for good
// (a new key is unique to this daemon run), so a state file and a specs file of two daemons (a daemon that
// died between its two writes) never pair an app with another content. Recovery only looks keys up, so
// journals keyed by hash are read as before.
import { isDeepStrictEqual } from 'node:util';
import type { AppSpec } from '@svctl/protocol';

/** An app's spec and its key in the journal last written. */
export interface KnownSpec {
  id: number;
  key: string;
  spec: AppSpec;
}

/** New keys are `RUN-N`: RUN is unique to this daemon process (its pid and start time), N counts up. */
const RUN = `${process.pid.toString(36)}-${Date.now().toString(36)}`;
let given = 0;

export class SpecKeys {
  readonly #byObject = new WeakMap<AppSpec, string>();
  /** Each app's key and spec as of the last snapshot (at first: the previous daemon's journal). */
  #byApp: Map<number, KnownSpec>;
  #next = new Map<number, KnownSpec>();

  constructor(recovered: readonly KnownSpec[]) {
    this.#byApp = new Map(recovered.map((known) => [known.id, known]));
  }

  /** The key of app `id`'s spec; call it for every app of a snapshot, then endSnapshot(). */
  keyOf(id: number, spec: AppSpec): string {
    let key = this.#byObject.get(spec);
    if (key === undefined) {
      const known = this.#byApp.get(id);
      key = known !== undefined && isDeepStrictEqual(known.spec, spec) ? known.key : `${RUN}-${(++given).toString(36)}`;
      this.#byObject.set(spec, key);
    }
    this.#next.set(id, { id, key, spec });
    return key;
  }

  /** Forgets the apps that were not in the snapshot (deleted). */
  endSnapshot(): void {
    this.#byApp = this.#next;
    this.#next = new Map();
  }
}
