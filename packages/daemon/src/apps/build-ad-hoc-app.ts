// `svctl start server.js --name api -- --port 3000` and `svctl start --name web -- python3 -m http.server 8080`.
import type { AdHocRequest, LoadResult } from '@svctl/protocol';
import { appFileInvalid } from './app-file-error.js';
import { COMMAND_LINE, commandLineSource } from './app-source.js';
import { prepareApps } from './prepare-apps.js';

export function buildAdHocApp(request: AdHocRequest): LoadResult {
  const source = commandLineSource(request.cwd);
  const prepared = prepareApps([adHocEntry(request)], { source, baseEnv: request.env, envName: null, ignoreUnknown: false, umask: request.umask ?? null });
  if (prepared.issues.length > 0) throw appFileInvalid(source, prepared.issues);
  return { file: COMMAND_LINE, apps: prepared.apps, warnings: prepared.warnings };
}

function adHocEntry(request: AdHocRequest): Record<string, unknown> {
  const entry: Record<string, unknown> = { ...request.options };
  if (request.name !== undefined) entry.name = request.name;
  if (request.script !== undefined) {
    entry.script = request.script;
    if (request.args.length > 0) entry.args = request.args;
    return entry;
  }
  // Without a script the words after `--` are the exact argv: no shell, no inferred interpreter, unless asked for.
  const [program, ...args] = request.args;
  if (program !== undefined) Object.assign(entry, { script: program, args, shell: entry.shell ?? false, interpreter: entry.interpreter ?? 'none' });
  return entry;
}
