import { AppsScale, SvctlError } from '@svctl/protocol';
import { defineCommand } from '../command.js';
import { reportOutcomes } from '../report.js';
import { waitParams, withWaitOption, type WaitArgs } from './file-options.js';

export const scaleCommand = defineCommand<{ name: string; instances: string } & WaitArgs>({
  command: 'scale <name> <instances>',
  describe: 'Set the number of instances of an app: N, +N to add, -N to remove, or max (one per CPU)',
  example: ['svctl scale api +2', 'run 2 more instances of api'],
  builder: (yargs) =>
    withWaitOption(yargs)
      .positional('name', { type: 'string', demandOption: true, describe: 'app name' })
      .positional('instances', { type: 'string', demandOption: true, describe: 'N, +N, -N or max' }),
  run: async (args, context) => {
    const client = await context.client();
    return reportOutcomes(context, client, await client.call(AppsScale, { app: args.name, instances: parseInstances(String(args.instances)), ...waitParams(args) }));
  },
});

function parseInstances(text: string): number | string {
  if (/^\d{1,4}$/.test(text)) return Number(text);
  if (text === 'max' || /^[+-]\d{1,4}$/.test(text)) return text;
  throw new SvctlError('USAGE', `scale: instances must be a number, +N, -N or max, not "${text}"`, { hint: 'e.g. `svctl scale api 4`, `svctl scale api +2`, `svctl scale api max`' });
}
