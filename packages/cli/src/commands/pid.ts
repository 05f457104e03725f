// pm2's `pid APP` and `id APP`: bare numbers, one per line, for scripts.
import { AppsDescribe, AppsList, type AppDescription } from '@svctl/protocol';
import { defineCommand } from '../command.js';
import type { CommandContext } from '../context.js';
import { EXIT_OK } from '../exit-codes.js';

async function describeTarget(context: CommandContext, target: string): Promise<AppDescription[]> {
  const client = await context.client();
  return (await client.call(AppsDescribe, { target, cwd: process.cwd() })).apps;
}

export const pidCommand = defineCommand<{ target?: string }>({
  command: 'pid [target]',
  describe: 'Print the pids of running instances, one per line (pm2 pid)',
  example: ['svctl pid api', "api's pids, one per line"],
  builder: (yargs) => yargs.positional('target', { type: 'string', describe: 'name, id, namespace, app file, or all (default)' }),
  run: async (args, context) => {
    // Without a target, pm2 prints every pid; list is cheaper than describing every app.
    const rows = args.target === undefined ? (await (await context.client()).call(AppsList, {})).instances : (await describeTarget(context, args.target)).flatMap((app) => app.instances);
    const pids = rows.flatMap((row) => (row.pid === null ? [] : [row.pid]));
    if (context.json) context.printJson(pids);
    else if (pids.length > 0) context.print(pids.join('\n'));
    return EXIT_OK;
  },
});

export const idCommand = defineCommand<{ target: string }>({
  command: 'id <target>',
  describe: 'Print the ids of apps, one per line (pm2 id)',
  example: ['svctl id api', "api's id"],
  builder: (yargs) => yargs.positional('target', { type: 'string', demandOption: true, describe: 'name, id, namespace, app file, or all' }),
  run: async (args, context) => {
    const ids = (await describeTarget(context, args.target)).map((app) => app.id);
    if (context.json) context.printJson(ids);
    else context.print(ids.join('\n'));
    return EXIT_OK;
  },
});
