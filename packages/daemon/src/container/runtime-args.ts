// svctl-runtime's command line: [FILE] [--json] [--env NAME] [--only a,b].
import { parseArgs } from 'node:util';
import { SvctlError } from '@svctl/protocol';
import type { OutputFormat } from './output-sink.js';

export const RUNTIME_USAGE = `usage: svctl-runtime [FILE] [--json] [--env NAME] [--only a,b]

Runs the apps of FILE (default: the app file search of \`svctl start\`) in the foreground, as a container's
main process: their output on stdout/stderr, \`svctl\` commands served as usual, a graceful stop on
SIGTERM/SIGINT, and the apps' exit code as its own (docs/runtime.md).

options:
  --json         every line as JSON: {"app","instance","stream","time","line"}
  --env NAME     apply env_NAME from the file
  --only a,b     start only these apps of the file
  --help         show this help
  --version      print the version`;

export interface RuntimeArgs {
  file?: string;
  format: OutputFormat;
  envName?: string;
  only?: string[];
}

export function parseRuntimeArgs(argv: string[]): RuntimeArgs | 'help' | 'version' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { json: { type: 'boolean' }, env: { type: 'string' }, only: { type: 'string' }, help: { type: 'boolean' }, version: { type: 'boolean' } },
    });
  } catch (error) {
    throw new SvctlError('USAGE', (error as Error).message, { hint: 'svctl-runtime --help lists the options' });
  }
  const { values, positionals } = parsed;
  if (values.help === true) return 'help';
  if (values.version === true) return 'version';
  if (positionals.length > 1) throw new SvctlError('USAGE', `one app file at most, got ${positionals.length}: ${positionals.join(' ')}`, { hint: 'svctl-runtime --help' });
  const only = values.only?.split(',').map((name) => name.trim()).filter(Boolean);
  return {
    format: values.json === true ? 'json' : 'prefixed',
    ...(positionals[0] === undefined ? {} : { file: positionals[0] }),
    ...(values.env === undefined ? {} : { envName: values.env }),
    ...(only === undefined ? {} : { only }),
  };
}
