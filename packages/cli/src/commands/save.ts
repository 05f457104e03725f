import { StateSave } from '@svctl/protocol';
import { defineCommand } from '../command.js';
import { EXIT_OK } from '../exit-codes.js';

export const saveCommand = defineCommand<{ force?: boolean }>({
  command: 'save',
  describe: 'Save every app and whether it runs to $SVCTL_HOME/dump.json (for resurrect and boot)',
  example: ['svctl save', 'remember the apps, so `svctl resurrect` or a reboot brings them back'],
  builder: (yargs) => yargs.option('force', { type: 'boolean', describe: 'also save when no app is registered (an empty list)' }),
  run: async (args, context) => {
    const client = await context.client();
    const result = await client.call(StateSave, { force: args.force === true });
    client.close();
    for (const warning of result.warnings) context.notice(`warning: ${warning}`);
    if (context.json) {
      context.printJson(result);
      return EXIT_OK;
    }
    const count = result.running.length + result.stopped.length;
    context.print(`saved ${count} app(s) to ${result.path} (${result.running.length} running, ${result.stopped.length} stopped)`);
    if (result.backup !== null) context.print(`the previous dump is kept as ${result.backup}`);
    return EXIT_OK;
  },
});
