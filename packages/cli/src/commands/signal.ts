import { AppsSignal } from '@svctl/protocol';
import { defineCommand } from '../command.js';
import { reportOutcomes } from '../report.js';

export const signalCommand = defineCommand<{ signal: string; target: string }>({
  command: ['signal <signal> <target>', 'sendSignal <signal> <target>'],
  describe: "Send a signal to apps' process groups",
  example: ['svctl signal SIGUSR2 api', 'send SIGUSR2 to every instance of api'],
  builder: (yargs) =>
    yargs
      .positional('signal', { type: 'string', demandOption: true, describe: 'signal name, e.g. SIGHUP or HUP' })
      .positional('target', { type: 'string', demandOption: true, describe: 'name, id, namespace, app file, or all' }),
  run: async (args, context) => {
    const client = await context.client();
    return reportOutcomes(context, client, await client.call(AppsSignal, { signal: args.signal, target: args.target, cwd: process.cwd() }));
  },
});
