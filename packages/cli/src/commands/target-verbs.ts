// The verbs that take a target and report per-app outcomes: stop, restart, reload, delete, reset.
import { AppsDelete, AppsReload, AppsReset, AppsRestart, AppsStop } from '@svctl/protocol';
import { appFileLoadWait } from '../app-file-wait.js';
import { defineCommand, type CommandDefinition } from '../command.js';
import { reportOutcomes } from '../report.js';
import { fileParams, waitParams, withFileOptions, withWaitOption, type FileArgs, type WaitArgs } from './file-options.js';
import { currentEnv } from '../current-env.js';

interface TargetArgs extends FileArgs, WaitArgs {
  target: string;
  'update-env'?: boolean;
}

type TargetMethod = typeof AppsStop | typeof AppsDelete | typeof AppsReset | typeof AppsRestart | typeof AppsReload;

function targetVerb(
  verb: string,
  method: TargetMethod,
  describe: string,
  example: readonly [string, string],
  /** startsInstances: restart and reload, which take --update-env, --no-wait, and --env/--only for a target that is an app file. */
  options: { startsInstances?: boolean; aliases?: string[] } = {},
): CommandDefinition<TargetArgs> {
  return defineCommand<TargetArgs>({
    command: [`${verb} <target>`, ...(options.aliases ?? []).map((alias) => `${alias} <target>`)],
    describe,
    example,
    builder: (yargs) => {
      const withTarget = yargs.positional('target', { type: 'string', describe: 'name, id, namespace, app file, or all', demandOption: true });
      return options.startsInstances === true
        ? withWaitOption(withFileOptions(withTarget.option('update-env', { type: 'boolean', describe: "replace the stored environment with this shell's" })))
        : withTarget;
    },
    run: async (args, context) => {
      const client = await context.client();
      const base = { target: args.target, cwd: process.cwd() };
      // The environment goes along for an app-file target too: a JS app file reads it as process.env.
      const starting = options.startsInstances === true ? { ...base, env: currentEnv(), ...fileParams(args), ...waitParams(args) } : base;
      const params = args['update-env'] === true ? { ...starting, update_env: true } : starting;
      return reportOutcomes(context, client, await client.call(method as typeof AppsRestart, params, appFileLoadWait(context)));
    },
  });
}

export const stopCommand = targetVerb('stop', AppsStop, 'Stop apps gracefully (stop_signal, then SIGKILL after kill_timeout)', ['svctl stop api', 'stop every instance of api']);
export const restartCommand = targetVerb(
  'restart',
  AppsRestart,
  'Restart apps (--update-env to take the current environment); an app file is read again and applied',
  ['svctl restart all --update-env', 'restart everything with a fresh environment'],
  { startsInstances: true },
);
export const reloadCommand = targetVerb(
  'reload',
  AppsReload,
  'Replace instances one at a time, each new one online before the old one stops; an app file is read again and applied',
  ['svctl reload ecosystem.config.js --env production', 'apply the edited file with a rolling replacement'],
  { startsInstances: true },
);
export const deleteCommand = targetVerb('delete', AppsDelete, 'Stop apps and forget them', ['svctl delete all', 'stop and remove every app'], { aliases: ['del'] });
export const resetCommand = targetVerb('reset', AppsReset, 'Reset restart counters', ['svctl reset api', 'zero the restart counters of api']);
