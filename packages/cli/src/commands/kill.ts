// pm2's `kill`: stop the daemon and every app. It first says what happens to the apps and what comes back
// later; on a terminal it asks (--yes skips the question); in scripts (stdin not a terminal) it goes ahead,
// as `pm2 kill` does.
import fs from 'node:fs';
import readline from 'node:readline/promises';
import { AppsList, dumpPath, isRunning, SvctlError, type InstanceRow } from '@svctl/protocol';
import { defineCommand } from '../command.js';
import type { CommandContext } from '../context.js';
import { EXIT_FAILED, EXIT_OK } from '../exit-codes.js';
import { stopDaemon } from './daemon.js';

export const killCommand = defineCommand<{ yes?: boolean }>({
  command: 'kill',
  describe: 'Stop every app and the daemon (pm2 kill; = svctl daemon stop)',
  example: ['svctl kill --yes', 'stop everything without asking'],
  builder: (yargs) => yargs.option('yes', { alias: 'y', type: 'boolean', describe: 'do not ask on a terminal' }),
  run: async (args, context) => {
    const rows = await runningRows(context);
    if (rows === undefined) {
      if (context.json) context.printJson({ stopped: false, running: false });
      else context.print('no daemon running');
      return EXIT_OK;
    }
    // A remote daemon's dump is on its own host: this one's home says nothing about it.
    if (!context.json) context.print(consequences(rows, context.remote === undefined ? context.target.home : undefined));
    if (args.yes !== true && process.stdin.isTTY === true && process.stdout.isTTY === true && !(await confirm())) {
      context.print('nothing stopped');
      return EXIT_FAILED;
    }
    return stopDaemon(context);
  },
});

async function runningRows(context: CommandContext): Promise<InstanceRow[] | undefined> {
  try {
    const client = await context.existingClient();
    const { instances } = await client.call(AppsList, {});
    client.close();
    return instances;
  } catch (error) {
    if (error instanceof SvctlError && error.code === 'DAEMON_UNREACHABLE') return undefined;
    throw error;
  }
}

/** `home` undefined: the daemon is remote, its saved list cannot be seen from here. */
function consequences(rows: readonly InstanceRow[], home: string | undefined): string {
  const running = [...new Set(rows.filter((row) => isRunning(row.status)).map((row) => row.app))];
  const stopping = running.length === 0 ? 'no app is running' : `${running.length} running app(s) will be stopped: ${running.join(', ')}`;
  if (home === undefined) return `stopping the daemon: ${stopping}\nthe next daemon starts with no apps; \`svctl resurrect\` there restores the list last saved with \`svctl save\`, if any`;
  const saved = fs.statSync(dumpPath(home), { throwIfNoEntry: false });
  const comeBack =
    saved === undefined
      ? 'no app list is saved: the next daemon starts with no apps (`svctl save` first keeps them for `svctl resurrect`)'
      : `the next daemon starts with no apps; \`svctl resurrect\` restores the list saved ${saved.mtime.toISOString()}`;
  return `stopping the daemon: ${stopping}\n${comeBack}`;
}

async function confirm(): Promise<boolean> {
  const prompt = readline.createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await prompt.question('stop them and the daemon? [y/N] ')).trim());
  } finally {
    prompt.close();
  }
}
