// pm2's startOrReload and startOrRestart: start the apps of a file that are not running; restart or reload
// those that are, with the spec the file now gives (env, args, instances, every key).
import { AppsStart } from '@svctl/protocol';
import { appFileLoadWait } from '../app-file-wait.js';
import { defineCommand, type CommandDefinition } from '../command.js';
import { reportOutcomes } from '../report.js';
import { fileParams, waitParams, withFileOptions, withWaitOption, type FileArgs, type WaitArgs } from './file-options.js';
import { currentEnv } from '../current-env.js';

interface StartOrArgs extends FileArgs, WaitArgs {
  file: string;
  'update-env'?: boolean;
}

function startOr(verb: 'startOrReload' | 'startOrRestart', ifRunning: 'reload' | 'restart', describe: string): CommandDefinition<StartOrArgs> {
  return defineCommand<StartOrArgs>({
    command: `${verb} <file>`,
    describe,
    example: [`svctl ${verb} ecosystem.config.js --env production`, `apply the file: start what is not running, ${ifRunning} the rest`],
    builder: (yargs) =>
      withWaitOption(
        withFileOptions(yargs.positional('file', { type: 'string', demandOption: true, describe: 'the app file' })).option('update-env', {
          type: 'boolean',
          describe: "running apps also take this shell's environment",
        }),
      ),
    run: async (args, context) => {
      const client = await context.client();
      const params = { cwd: process.cwd(), env: currentEnv(), file: args.file, if_running: ifRunning, ...fileParams(args), ...waitParams(args) };
      const result = await client.call(AppsStart, args['update-env'] === true ? { ...params, update_env: true } : params, appFileLoadWait(context));
      return reportOutcomes(context, client, result);
    },
  });
}

export const startOrReloadCommand = startOr('startOrReload', 'reload', 'Start the apps of a file that are not running; reload the others with the spec the file now gives');
export const startOrRestartCommand = startOr('startOrRestart', 'restart', 'Start the apps of a file that are not running; restart the others with the spec the file now gives');
