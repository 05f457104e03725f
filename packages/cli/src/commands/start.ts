import fs from 'node:fs';
import path from 'node:path';
import { AppsStart, type ParamsOf } from '@svctl/protocol';
import { appFileNotFound } from '../app-file/app-file-not-found.js';
import { isAppFileName } from '../app-file/app-file-name.js';
import { appFileLoadWait } from '../app-file-wait.js';
import { defineCommand } from '../command.js';
import { currentEnv } from '../current-env.js';
import { reportOutcomes } from '../report.js';
import { fileParams, waitParams, withWaitOption, type WaitArgs } from './file-options.js';
import { adHocKeys, withAdHocFlags } from './ad-hoc-options.js';

interface StartArgs extends WaitArgs {
  target?: string;
  name?: string;
  only?: string;
  env?: string;
  namespace?: string;
  'ignore-unknown'?: boolean;
  '--'?: Array<string | number>;
}

export const startCommand = defineCommand<StartArgs>({
  command: 'start [target]',
  describe: 'Start the apps of an app file, a script, a command after --, or stopped apps by name',
  example: ['svctl start examples/api.json', 'start every app the file declares'],
  builder: (yargs) =>
    withAdHocFlags(withWaitOption(yargs))
      .positional('target', { type: 'string', describe: 'app file (default: search the current folder), script, or name/id/namespace/all' })
      .option('name', { type: 'string', describe: 'name of an ad hoc app' })
      .option('only', { type: 'string', describe: 'comma-separated app names to pick from the file' })
      .option('env', { type: 'string', describe: 'apply env_<name> from the file (e.g. --env production)' })
      .option('namespace', { type: 'string', describe: 'namespace of an ad hoc app' })
      .option('ignore-unknown', { type: 'boolean', describe: 'unknown keys in the file are warnings, not errors' })
      .example('svctl start server.js --name api -- --port 3000', 'run a script with arguments')
      .example('svctl start app.js -i 2 --name api --max-memory-restart 200M', 'pm2 flags set the app keys of the same names')
      .example('svctl start --name web -- python3 -m http.server 8080', 'run any command'),
  run: async (args, context) => {
    const params: ParamsOf<typeof AppsStart> = { cwd: process.cwd(), env: currentEnv() };
    const rest = (args['--'] ?? []).map(String);
    const options = adHocOptions(args);
    if (rest.length > 0 || (args.target !== undefined && isScript(args.target))) {
      params.adhoc = { args: rest, options, ...(args.target === undefined ? {} : { script: args.target }), ...(args.name === undefined ? {} : { name: args.name }) };
    } else if (args.target !== undefined && !isPath(args.target)) {
      if (looksLikeFile(args.target)) throw appFileNotFound(path.resolve(args.target), 'check the path, or name a registered app');
      params.target = args.target;
    } else if (args.target !== undefined) {
      params.file = args.target;
    }
    Object.assign(params, fileParams(args), waitParams(args));
    if (args['ignore-unknown'] === true) params.ignore_unknown = true;
    const client = await context.client();
    const result = await client.call(AppsStart, params, appFileLoadWait(context));
    return reportOutcomes(context, client, result, params.file ?? (result.file === null ? undefined : path.relative(process.cwd(), result.file)));
  },
});

function adHocOptions(args: StartArgs): Record<string, unknown> {
  const options = adHocKeys(args as Record<string, unknown>);
  if (args.namespace !== undefined) options.namespace = args.namespace;
  return options;
}

// A missing `server.js` or `./apps/api` is a file the user meant, not an app name (names have no slash, and pm2's default names drop the extension).
const FILE_LIKE = /[/\\]|\.(?:[cm]?[jt]sx?|json5?|ya?ml|py|sh|rb|php|pl)$/;

function looksLikeFile(target: string): boolean {
  return FILE_LIKE.test(target);
}

function isPath(target: string): boolean {
  return fs.existsSync(path.resolve(target));
}

/** An existing file that is not an app file is a script to run ad hoc (`svctl start server.js`). */
function isScript(target: string): boolean {
  const stat = fs.statSync(path.resolve(target), { throwIfNoEntry: false });
  return stat?.isFile() === true && !isAppFileName(target);
}
