// The text of the example app file `svctl init` writes: the project's command, then the keys most apps set,
// each with a comment; optional ones commented out. One list of entries renders as JavaScript or as JSON
// (svctl reads .json app files with JSON5, so the comments stay valid).
import type { MappedStartScript } from './start-script.js';

export type AppFileFormat = 'cjs' | 'esm' | 'json';

export interface ExampleApp {
  name: string;
  command: MappedStartScript;
  /** The package.json start script it came from, or undefined when there was none. */
  startScript: string | undefined;
}

type Entry = { comment: string } | { key: string; value: unknown; off?: true };

export function appFileText(app: ExampleApp, format: AppFileFormat): string {
  const indent = '      ';
  const lines = entries(app).map((entry) => {
    if ('comment' in entry) return `${indent}// ${entry.comment}`;
    const key = format === 'json' ? JSON.stringify(entry.key) : entry.key;
    return `${indent}${entry.off === true ? '// ' : ''}${key}: ${inline(entry.value)},`;
  });
  // The last entry is a key that is on: strict-JSON readers (editors) see no trailing comma there.
  lines[lines.length - 1] = (lines.at(-1) ?? '').replace(/,$/, '');
  const [open, close] = WRAPPERS[format];
  const apps = format === 'json' ? '"apps"' : 'apps';
  return [...HEADER, open, `  ${apps}: [`, '    {', ...lines, '    }', '  ]', close, ''].join('\n');
}

const HEADER = [
  '// svctl app file, written by `svctl init`. `svctl start` in this folder finds it; `svctl start --env production`',
  '// applies env_production. Every key, its default and an example: docs/app-file.md (pm2 ecosystem keys work as they are).',
];

const WRAPPERS: Record<AppFileFormat, readonly [string, string]> = {
  cjs: ['module.exports = {', '};'],
  esm: ['export default {', '};'],
  json: ['{', '}'],
};

function entries(app: ExampleApp): Entry[] {
  const { keys, via } = app.command;
  return [
    { key: 'name', value: app.name },
    { comment: commandComment(app.startScript, via) },
    ...Object.entries(keys).map(([key, value]) => ({ key, value })),
    { comment: 'Relative paths (script, cwd, log files) resolve against this file\'s folder.' },
    { comment: 'How many copies: a number, "max" (one per CPU) or -1 (CPUs minus one). Copies of a server that' },
    { comment: 'listens on one port need exec_mode "cluster", listen (the daemon holds the port) or increment_var "PORT".' },
    { key: 'instances', value: 1 },
    { comment: 'Restart after a crash (a run shorter than min_uptime counts toward max_restarts, then errored).' },
    { key: 'autorestart', value: true },
    { key: 'max_restarts', value: 16, off: true },
    { key: 'min_uptime', value: '1s', off: true },
    { comment: 'Stop: stop_signal to the whole process group, SIGKILL after kill_timeout.' },
    { key: 'kill_timeout', value: '5s', off: true },
    { comment: 'Restart when the process tree uses more memory than this.' },
    { key: 'max_memory_restart', value: '300M', off: true },
    { comment: 'Logs go to $SVCTL_HOME/logs/<name>-out.log and -err.log unless set here (`svctl logs NAME` reads them).' },
    { key: 'out_file', value: './logs/out.log', off: true },
    { key: 'error_file', value: './logs/err.log', off: true },
    { key: 'time', value: true, off: true },
    { comment: 'Restart when files change (true: this folder; logs and node_modules are ignored).' },
    { key: 'watch', value: false, off: true },
    { comment: 'Environment: the shell\'s at start, then env, then env_<name> with --env <name>.' },
    { key: 'env', value: { NODE_ENV: 'development' } },
    { key: 'env_production', value: { NODE_ENV: 'production' } },
  ];
}

// `["--port", "0"]` and `{ "NODE_ENV": "production" }` on one line (strings never hold a raw newline).
function inline(value: unknown): string {
  return JSON.stringify(value, null, 1).replace(/\n\s*/g, ' ');
}

function commandComment(startScript: string | undefined, via: MappedStartScript['via']): string {
  if (startScript === undefined) return 'No "start" script in package.json: point script at your entry file.';
  const source = `From package.json's start script (${JSON.stringify(startScript)})`;
  return via === 'direct' ? `${source}, run directly: svctl supervises the process itself, with no npm in between.` : `${source}, run by \`npm start\` (it is not a plain command svctl can run without a shell).`;
}
