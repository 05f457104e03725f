// Apps loaded together carry equal environments (base_env, the CLI's, is the same for every app of a
// `start FILE`), yet each spec arrives as its own copy (JSON from the loader, the journal, an RPC): a few KB
// of strings per app, kept for the app's life. Equal environments are kept once: a spec's env objects are
// swapped for an equal one seen lately. Bounded: only the last few distinct environments are remembered.
import type { AppSpec } from '@svctl/protocol';

type Env = Readonly<Record<string, string>>;

const REMEMBERED = 8;
const recent: Array<{ key: string; env: Env }> = [];

/** An environment equal to `env` (same keys in the same order, same values) seen lately, or `env` itself. */
export function sharedEnv<T extends Env>(env: T): T {
  const key = JSON.stringify(env);
  const index = recent.findIndex((entry) => entry.key === key);
  if (index !== -1) {
    const [found] = recent.splice(index, 1);
    if (found !== undefined) {
      recent.unshift(found);
      return found.env as T;
    }
  }
  recent.unshift({ key, env });
  if (recent.length > REMEMBERED) recent.pop();
  return env;
}

/** The spec with its env and base_env shared with equal ones (the spec itself is not changed). */
export function withSharedEnv(spec: AppSpec): AppSpec {
  const env = sharedEnv(spec.env);
  const base_env = sharedEnv(spec.base_env);
  return env === spec.env && base_env === spec.base_env ? spec : { ...spec, env, base_env };
}
