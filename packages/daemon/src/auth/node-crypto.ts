// node:crypto, loaded on first use: at start it would cost the idle daemon ~0.5 MB of RSS (issue 9), and
// tokens are hashed only when one is created or presented (the gateway, when it runs, loads it anyway).
import type * as NodeCrypto from 'node:crypto';
import { createRequire } from 'node:module';

let loaded: typeof NodeCrypto | undefined;

export function nodeCrypto(): typeof NodeCrypto {
  loaded ??= createRequire(import.meta.url)('node:crypto') as typeof NodeCrypto;
  return loaded;
}
