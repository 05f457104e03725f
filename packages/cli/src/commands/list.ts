import { AppsList } from '@svctl/protocol';
import { defineCommand } from '../command.js';
import { EXIT_OK } from '../exit-codes.js';
import { useColor } from '../render/colors.js';
import { renderInstanceTable } from '../render/instance-table.js';

export const listCommand = defineCommand({
  command: ['list', 'ls', 'status'],
  describe: 'List every instance with pid, status, restarts, uptime, cpu and memory',
  example: ['svctl list --json', 'one JSON object per instance'],
  builder: (yargs) => yargs,
  run: async (_args, context) => {
    const client = await context.client();
    const { instances } = await client.call(AppsList, {});
    if (context.json) context.printJson(instances);
    else context.print(renderInstanceTable(instances, useColor(process.stdout)));
    return EXIT_OK;
  },
});
