// The system's OpenSSH client for one host, with pm2's mapping of the deploy keys: `key` → -i, `port` → -p,
// each of `ssh_options` → -o, `forward-agent` → -A. Nothing else is added: ~/.ssh/config, the agent and
// known_hosts apply as the user set them, and host keys are checked as ssh checks them.
import type { DeploySpec } from '@svctl/protocol';

/** ssh's arguments: options, `--` (a host can never be read as an option), the destination, and the remote shell. */
export function sshArguments(spec: DeploySpec, host: string): string[] {
  const args: string[] = [];
  for (const option of spec.ssh_options) args.push('-o', option);
  if (spec.port !== undefined) args.push('-p', String(spec.port));
  if (spec.key !== undefined) args.push('-i', spec.key);
  if (spec.forward_agent) args.push('-A');
  // -T: the script comes on stdin, no terminal; bash reads it from there (remote-script.ts).
  args.push('-T', '--', destination(spec, host), 'bash -s');
  return args;
}

/** `user@host`, unless the host already names its user. */
export function destination(spec: DeploySpec, host: string): string {
  return spec.user === undefined || host.includes('@') ? host : `${spec.user}@${host}`;
}
