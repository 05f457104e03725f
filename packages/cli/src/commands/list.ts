import { AppsList, type InstanceRow } from '@svctl/protocol';
import { defineCommand } from '../command.js';
import type { CommandContext } from '../context.js';
import { EXIT_OK } from '../exit-codes.js';
import { useColor } from '../render/colors.js';
import { renderInstanceTable, sortRows } from '../render/instance-table.js';

async function listRows(context: CommandContext): Promise<InstanceRow[]> {
  const client = await context.client();
  return sortRows((await client.call(AppsList, {})).instances);
}

export const listCommand = defineCommand({
  command: ['list', 'ls', 'status'],
  describe: 'List every instance with pid, status, restarts, uptime, cpu and memory, by id',
  example: ['svctl list --json', 'one JSON object per instance'],
  builder: (yargs) => yargs,
  run: async (_args, context) => {
    const instances = await listRows(context);
    if (context.json) context.printJson(instances);
    else context.print(renderInstanceTable(instances, useColor(process.stdout)));
    return EXIT_OK;
  },
});

// pm2's jlist (one line) and prettylist (indented): `list --json` under pm2's names.
function jsonListCommand(command: string, describe: string, example: readonly [string, string], indent?: number) {
  return defineCommand({
    command,
    describe,
    example,
    builder: (yargs) => yargs,
    run: async (_args, context) => {
      context.print(JSON.stringify(await listRows(context), null, indent));
      return EXIT_OK;
    },
  });
}

export const jlistCommand = jsonListCommand('jlist', 'pm2 name: list --json, on one line', ['svctl jlist | jq ".[].pid"', 'the pids, for scripts written for pm2']);
export const prettylistCommand = jsonListCommand('prettylist', 'pm2 name: list --json, indented', ['svctl prettylist', 'every instance as indented JSON'], 2);
