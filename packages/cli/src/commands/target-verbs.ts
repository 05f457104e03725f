// The verbs that take a target and report per-app outcomes: stop, restart, reload, delete, reset.
import { AppsDelete, AppsReload, AppsReset, AppsRestart, AppsStop } from '@svctl/protocol';
import { appFileLoadWait } from '../app-file-wait.js';
import { defineCommand, type CommandDefinition } from '../command.js';
import { reportOutcomes } from '../report.js';
import { currentEnv } from './start.js';

interface TargetArgs {
  target: string;
  'update-env'?: boolean;
}

type TargetMethod = typeof AppsStop | typeof AppsDelete | typeof AppsReset | typeof AppsRestart | typeof AppsReload;

function targetVerb(
  verb: string,
  method: TargetMethod,
  describe: string,
  example: readonly [string, string],
  options: { updateEnv?: boolean; aliases?: string[] } = {},
): CommandDefinition<TargetArgs> {
  return defineCommand<TargetArgs>({
    command: [`${verb} <target>`, ...(options.aliases ?? []).map((alias) => `${alias} <target>`)],
    describe,
    example,
    builder: (yargs) => {
      const withTarget = yargs.positional('target', { type: 'string', describe: 'name, id, namespace, app file, or all', demandOption: true });
      return options.updateEnv === true
        ? withTarget.option('update-env', { type: 'boolean', describe: "replace the stored environment with this shell's" })
        : withTarget;
    },
    run: async (args, context) => {
      const client = await context.client();
      const base = { target: args.target, cwd: process.cwd() };
      const params = args['update-env'] === true ? { ...base, update_env: true, env: currentEnv() } : base;
      return reportOutcomes(context, client, await client.call(method as typeof AppsRestart, params, appFileLoadWait(context)));
    },
  });
}

export const stopCommand = targetVerb('stop', AppsStop, 'Stop apps gracefully (stop_signal, then SIGKILL after kill_timeout)', ['svctl stop api', 'stop every instance of api']);
export const restartCommand = targetVerb('restart', AppsRestart, 'Restart apps (--update-env to take the current environment)', ['svctl restart all --update-env', 'restart everything with a fresh environment'], { updateEnv: true });
export const reloadCommand = targetVerb('reload', AppsReload, 'Replace instances one at a time, each new one online before the old one stops', ['svctl reload api', 'rolling replacement of api\'s instances'], { updateEnv: true });
export const deleteCommand = targetVerb('delete', AppsDelete, 'Stop apps and forget them', ['svctl delete all', 'stop and remove every app'], { aliases: ['del'] });
export const resetCommand = targetVerb('reset', AppsReset, 'Reset restart counters', ['svctl reset api', 'zero the restart counters of api']);
