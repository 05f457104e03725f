// A validated deploy target → what the CLI runs: hosts as a list, ssh options as a list, the key's local
// path, variables as strings with upper-cased names (as pm2 exports them), empty hooks dropped.
import fs from 'node:fs';
import os from 'node:os';
import { DEPLOY_DEFAULT_KEEP_RELEASES, DEPLOY_HOOKS, type DeploySpec } from '@svctl/protocol';
import { resolveUserPath } from './expand-path.js';

export interface DeployContext {
  name: string;
  /** The CLI's cwd: relative key and pre-setup script paths resolve against it, as with pm2. */
  cwd: string;
  env: Record<string, string>;
}

export function resolveDeployTarget(entry: Record<string, unknown>, context: DeployContext): { spec: DeploySpec; warnings: string[] } {
  const home = context.env.HOME ?? os.homedir();
  const text = (key: string): string | undefined => (typeof entry[key] === 'string' ? entry[key] : undefined);
  const sshOptions = entry.ssh_options === undefined ? [] : [entry.ssh_options as string | string[]].flat();
  const hooks: DeploySpec['hooks'] = {};
  for (const hook of DEPLOY_HOOKS) {
    const command = text(hook)?.trim();
    if (command !== undefined && command !== '') hooks[hook] = command;
  }
  const forward = entry['forward-agent'];
  const key = text('key');
  const spec: DeploySpec = {
    name: context.name,
    hosts: [entry.host as string | string[]].flat(),
    ssh_options: sshOptions,
    forward_agent: forward === true || (typeof forward === 'string' && forward !== ''),
    repo: entry.repo as string,
    ref: entry.ref as string,
    path: (entry.path as string).replace(/(?<=.)\/+$/, ''),
    keep_releases: (entry.keep_releases as number | undefined) ?? DEPLOY_DEFAULT_KEEP_RELEASES,
    hooks,
    env: Object.fromEntries(Object.entries((entry.env ?? {}) as Record<string, unknown>).map(([name, value]) => [name.toUpperCase(), String(value)])),
  };
  if (typeof entry.user === 'string') spec.user = entry.user;
  if (entry.port !== undefined) spec.port = Number(entry.port);
  if (key !== undefined) spec.key = resolveUserPath(key, context.cwd, home);
  const script = hooks['pre-setup'] === undefined ? undefined : localScript(hooks['pre-setup'], context.cwd, home);
  if (script !== undefined) spec.pre_setup_script = script;
  return { spec, warnings: sshOptions.filter(disablesHostKeyChecks).map((option) => `ssh_options "${option}" turns host key checking off: ssh will not verify it talks to the right host`) };
}

// pm2 sends pre-setup to the host as a script when its first word names a local file.
function localScript(command: string, cwd: string, home: string): string | undefined {
  const first = command.split(/\s+/)[0] ?? '';
  const file = resolveUserPath(first, cwd, home);
  try {
    return fs.statSync(file).isFile() ? fs.readFileSync(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

function disablesHostKeyChecks(option: string): boolean {
  return /^\s*StrictHostKeyChecking\s*[= ]\s*"?(no|off)"?\s*$/i.test(option);
}
