// From a cluster-mode app's resolved argv (`node [node args] script [args]`) to what its primary needs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppSpec } from '@svctl/protocol';
import { PRIMARY_ENTRY, WORKER_PRELOAD, type PrimaryConfig } from './primary-protocol.js';

export function primaryConfigOf(spec: AppSpec): PrimaryConfig {
  const { command, args } = spec;
  const scriptIndex = command.length - args.length - 1;
  return {
    node: command[0] ?? process.execPath,
    drain: bundled(WORKER_PRELOAD),
    setsid: findSetsid(),
    execArgv: command.slice(1, scriptIndex),
    script: command[scriptIndex] ?? spec.script,
    args: [...args],
    cwd: spec.cwd,
  };
}

/** The bundled primary script, next to svctld.mjs. */
export function primaryEntry(): string {
  return bundled(PRIMARY_ENTRY);
}

function bundled(file: string): string {
  return fileURLToPath(new URL(`./${file}`, import.meta.url));
}

// util-linux's setsid; without it the fork fails and the unit reports why.
function findSetsid(): string {
  const folders = ['/usr/bin', '/bin', ...(process.env.PATH ?? '').split(path.delimiter)];
  const found = folders.map((folder) => path.join(folder, 'setsid')).find((candidate) => fs.existsSync(candidate));
  return found ?? 'setsid';
}
