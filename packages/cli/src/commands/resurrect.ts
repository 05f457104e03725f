import { StateResurrect } from '@svctl/protocol';
import { defineCommand } from '../command.js';
import { reportOutcomes } from '../report.js';

export const resurrectCommand = defineCommand<{ 'from-backup'?: boolean }>({
  command: 'resurrect',
  describe: 'Restore the apps saved by `svctl save`: running ones started, stopped ones registered',
  example: ['svctl resurrect --from-backup', 'restore the dump before the last save (dump.json.bak)'],
  builder: (yargs) => yargs.option('from-backup', { type: 'boolean', describe: 'read dump.json.bak (the dump before the last save)' }),
  run: async (args, context) => {
    const client = await context.client();
    const result = await client.call(StateResurrect, { from_backup: args['from-backup'] === true });
    if (!context.json) context.print(`restoring ${result.apps.length} app(s) saved ${result.saved_at} from ${result.path}`);
    const code = await reportOutcomes(context, client, result);
    client.close();
    return code;
  },
});
