import { AppsScale } from '@svctl/protocol';
import { defineCommand } from '../command.js';
import { reportOutcomes } from '../report.js';
import { waitParams, withWaitOption, type WaitArgs } from './file-options.js';

export const scaleCommand = defineCommand<{ name: string; instances: number } & WaitArgs>({
  command: 'scale <name> <instances>',
  describe: 'Set the number of instances of an app',
  example: ['svctl scale api 4', 'run 4 instances of api'],
  builder: (yargs) =>
    withWaitOption(yargs)
      .positional('name', { type: 'string', demandOption: true, describe: 'app name' })
      .positional('instances', { type: 'number', demandOption: true, describe: 'number of instances' }),
  run: async (args, context) => {
    const client = await context.client();
    return reportOutcomes(context, client, await client.call(AppsScale, { app: args.name, instances: args.instances, ...waitParams(args) }));
  },
});
