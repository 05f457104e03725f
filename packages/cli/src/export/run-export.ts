// `svctl export kubernetes|systemd FILE`: reads the app file through the daemon's loader (the parsing
// and validation of `svctl start`), converts every app, writes the files, and warns on stderr about
// every key that has no counterpart. Loaded lazily by commands/export.ts: no other command pays for it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appFileNotFound } from '../app-file/app-file-not-found.js';
import { loadAppFileLocally } from '../app-file/load-app-file-locally.js';
import type { CommandContext } from '../context.js';
import { currentEnv } from '../current-env.js';
import { EXIT_OK } from '../exit-codes.js';
import type { ExportResult } from './shared/export-result.js';
import { exportKubernetes } from './kubernetes/export-kubernetes.js';
import { exportSystemd } from './systemd/export-systemd.js';
import { renderForStdout, writeToFolder } from './write-export.js';

export type ExportTarget = 'kubernetes' | 'systemd';

export interface ExportRequest {
  target: ExportTarget;
  file: string;
  /** --env NAME: the env_NAME blocks to apply. */
  envName?: string;
  /** --only: the apps to export. */
  only?: string[];
  /** --out DIR; stdout without it. */
  out?: string;
  /** kubernetes: --image for every app. */
  image?: string;
  /** systemd: User= (default: the user running the export). */
  runAs?: string;
}

export async function runExport(args: ExportRequest, context: CommandContext): Promise<number> {
  const cwd = process.cwd();
  // Said as `svctl start FILE` says it (the loader's other errors are the same ones start shows).
  if (!fs.existsSync(path.resolve(cwd, args.file))) throw appFileNotFound(path.resolve(cwd, args.file), 'check the path');
  const { envName, only } = args;
  const loaded = await loadAppFileLocally({
    file: args.file,
    cwd,
    env: currentEnv(),
    ...(envName === undefined ? {} : { envName }),
    ...(only === undefined ? {} : { only }),
  });
  const folder = path.resolve(cwd, args.out ?? '.');
  const result: ExportResult =
    args.target === 'kubernetes'
      ? exportKubernetes(loaded.apps, { ...(args.image === undefined ? {} : { image: args.image }), host: { root: path.dirname(loaded.file), node: process.execPath } })
      : exportSystemd(loaded.apps, { user: args.runAs ?? os.userInfo().username, folder, source: loaded.file });
  const warnings = [...loaded.warnings, ...result.warnings];
  for (const warning of warnings) context.notice(`warning: ${warning}`);
  const written = args.out === undefined ? undefined : writeToFolder(folder, result.files);
  if (context.json) {
    const output = written === undefined ? { files: result.files.map(({ name, content }) => ({ name, content })) } : { written };
    context.printJson({ target: args.target, file: loaded.file, ...output, warnings });
  } else if (written === undefined) process.stdout.write(renderForStdout(result.files));
  else for (const file of written) context.print(`wrote ${file}`);
  return EXIT_OK;
}
