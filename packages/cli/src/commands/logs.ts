// svctl logs / flush / reload-logs: arguments → logs.* calls → printed lines (logs --grep: logs.search over the files).
import { LogsFlush, LogsReopen, LogsSearch, LogsTail, SvctlError, type SvctlClient } from '@svctl/protocol';
import { defineCommand } from '../command.js';
import { EXIT_OK, exitCodeFor } from '../exit-codes.js';
import { useColor } from '../render/colors.js';
import { renderLogEntry, type LogRenderOptions } from '../render/log-lines.js';

interface LogsArgs {
  target?: string;
  lines: number;
  follow?: boolean;
  err?: boolean;
  out?: boolean;
  timestamps?: boolean;
  raw?: boolean;
  nostream?: boolean;
  grep?: string;
  regex?: boolean;
}

export const logsCommand = defineCommand<LogsArgs>({
  command: 'logs [target]',
  describe: "Print the last lines of apps' stdout/stderr; --follow keeps printing new lines until Ctrl-C",
  example: ['svctl logs api --follow --lines 50', 'the last 50 lines of each stream of api, then every new line'],
  builder: (yargs) =>
    yargs
      .positional('target', { type: 'string', describe: 'name, id, namespace, app file, or all (default: every app, and apps started later)' })
      .option('lines', { alias: 'n', type: 'number', default: 15, describe: 'how many of the last lines of each stream' })
      .option('follow', { alias: 'f', type: 'boolean', describe: 'keep printing new lines, across restarts, until Ctrl-C' })
      .option('err', { type: 'boolean', describe: 'stderr only' })
      .option('out', { type: 'boolean', describe: 'stdout only' })
      .option('timestamps', { type: 'boolean', describe: 'show each line\'s capture time' })
      .option('raw', { type: 'boolean', describe: 'print the lines as the app wrote them, without the app name (pm2 --raw)' })
      .option('nostream', { type: 'boolean', describe: 'print the last lines and exit, never follow (pm2 --nostream; the default without --follow)' })
      .option('grep', { type: 'string', describe: "search the app's log files, current and rotated, for this text (case-insensitive) and print the matching lines (newest 500)" })
      .option('regex', { type: 'boolean', describe: 'with --grep: the text is a regular expression (RE2 syntax: linear time, no backreferences or lookarounds)' }),
  run: async (args, context) => {
    if (!Number.isInteger(args.lines) || args.lines < 0) throw new SvctlError('USAGE', `--lines must be a whole number ≥ 0, not ${String(args.lines)}`);
    const client = await context.client();
    const stream = args.err === true && args.out !== true ? 'err' : args.out === true && args.err !== true ? 'out' : 'all';
    const options: LogRenderOptions = { json: context.json, timestamps: args.timestamps === true, color: !context.json && useColor(process.stdout), raw: args.raw === true };
    const params = {
      ...(args.target === undefined ? {} : { target: args.target, cwd: process.cwd() }),
      stream,
      lines: args.lines,
      follow: args.follow === true && args.nostream !== true,
    } as const;
    if (args.grep === undefined) return tail(client, params, options, context.notice);
    if (args.target === undefined || params.follow) throw new SvctlError('USAGE', '--grep searches the files of one target (svctl logs APP --grep TEXT) and does not follow');
    const found = await client.call(LogsSearch, { target: args.target, cwd: process.cwd(), stream, pattern: args.grep, regex: args.regex === true });
    if (context.json) context.printJson(found);
    else for (const entry of found.matches) context.print(renderLogEntry(entry, options));
    if (found.stopped_by !== null) context.notice(`the search stopped early (${found.stopped_by}) after reading ${found.bytes_scanned} bytes: older lines were not searched`);
    return EXIT_OK;
  },
});

function tail(client: SvctlClient, params: { target?: string; cwd?: string; stream: 'out' | 'err' | 'all'; lines: number; follow: boolean }, options: LogRenderOptions, notice: (text: string) => void): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let settled = false;
    const finish = (code: number) => {
      if (settled) return;
      settled = true;
      process.off('SIGINT', onInterrupt);
      process.off('SIGTERM', onInterrupt);
      client.close();
      resolve(code);
    };
    // Ctrl-C ends a follow cleanly, with exit 0 (the stream is over, not failed).
    const onInterrupt = () => finish(EXIT_OK);
    process.on('SIGINT', onInterrupt);
    process.on('SIGTERM', onInterrupt);
    // `svctl logs -f | head` closes the pipe: stop quietly.
    process.stdout.once('error', () => finish(EXIT_OK));
    client
      .subscribe(LogsTail, params, {
        onItem: ({ entries }) => {
          let text = '';
          for (const entry of entries) text += `${renderLogEntry(entry, options)}\n`;
          process.stdout.write(text);
        },
        onEnd: (error) => {
          if (settled) return;
          if (error === undefined) {
            // Let stdout drain before exiting (bin.ts exits the process right after).
            process.stdout.write('', () => finish(EXIT_OK));
            return;
          }
          notice(error.message);
          finish(exitCodeFor(error.code));
        },
      })
      .catch((error: unknown) => {
        process.off('SIGINT', onInterrupt);
        process.off('SIGTERM', onInterrupt);
        settled = true;
        client.close();
        reject(error as Error);
      });
  });
}

export const flushCommand = defineCommand<{ target?: string }>({
  command: 'flush [target]',
  describe: 'Empty the log files of apps (current files truncated, rotated files removed) while they keep running',
  example: ['svctl flush api', "empty api's log files"],
  builder: (yargs) => yargs.positional('target', { type: 'string', describe: 'name, id, namespace, app file, or all (default)' }),
  run: async (args, context) => {
    const client = await context.client();
    const result = await client.call(LogsFlush, args.target === undefined ? {} : { target: args.target, cwd: process.cwd() });
    if (context.json) context.printJson(result);
    else context.print(result.files.length === 0 ? 'no log files to empty' : `emptied ${result.files.length} log file(s):\n${result.files.map((file) => `  ${file}`).join('\n')}`);
    return EXIT_OK;
  },
});

export const reloadLogsCommand = defineCommand({
  command: 'reload-logs',
  describe: 'Reopen every log file (after an external logrotate moved them away)',
  example: ['svctl reload-logs', 'reopen all log files'],
  builder: (yargs) => yargs,
  run: async (_args, context) => {
    const client = await context.client();
    const result = await client.call(LogsReopen, {});
    if (context.json) context.printJson(result);
    else context.print(`reopened ${result.files.length} log file(s)`);
    return EXIT_OK;
  },
});
