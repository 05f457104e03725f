// A request that may load an app file waits at least as long as the daemon's loader may take (its
// deadline plus a margin), so a short --timeout cannot give up on a load the daemon still bounds.
import { APP_FILE_LOAD_WAIT_MS, type CallOptions } from '@svctl/protocol';
import type { CommandContext } from './context.js';

export function appFileLoadWait(context: CommandContext): CallOptions {
  return { timeoutMs: Math.max(context.target.timeoutMs, APP_FILE_LOAD_WAIT_MS) };
}
