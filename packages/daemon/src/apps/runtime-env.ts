// Variables svctl adds for the runtime it runs, so output reaches the log files as it is printed:
// Python buffers stdout when it is a pipe, so a Python app gets PYTHONUNBUFFERED=1 unless the app's
// env or the CLI's environment already says otherwise. Node writes pipes at once; Ruby needs
// `$stdout.sync = true` in the app (no variable does it), which docs/app-file.md says.
import path from 'node:path';
import type { ResolvedCommand } from './resolve-command.js';

/** The app's env with svctl's runtime defaults added where neither the app nor the shell sets them. */
export function withRuntimeEnv(env: Record<string, string>, command: ResolvedCommand, baseEnv: Record<string, string>): Record<string, string> {
  const unset = (name: string) => env[name] === undefined && baseEnv[name] === undefined;
  return isPython(command) && unset('PYTHONUNBUFFERED') ? { ...env, PYTHONUNBUFFERED: '1' } : env;
}

// Inferred (.py) or declared (`python3.11`, `./venv/bin/python`), or run directly (`-- python3 -m http.server`).
function isPython(command: ResolvedCommand): boolean {
  const program = command.interpreter ?? (command.shell ? '' : command.script);
  return /^python[0-9.]*$/.test(path.basename(program));
}
