// Commands that start, restart or install a daemon on this machine. With --host they would act here
// while the user means the remote host, so they refuse instead (docs/api.md "Remote CLI").
import { SvctlError } from '@svctl/protocol';
import type { CommandContext } from './context.js';

export function refuseRemote(context: CommandContext, command: string): void {
  if (context.remote === undefined) return;
  throw new SvctlError('USAGE', `svctl ${command} acts on this machine, not on ${context.remote}`, {
    hint: `run it on that host; --host only reaches a running daemon through its gateway`,
  });
}
