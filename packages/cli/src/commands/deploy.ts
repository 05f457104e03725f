// pm2's deploy: `svctl deploy [FILE] ENV [setup|update|revert [N]|current|previous|list|exec CMD]` over the
// system's ssh and git on the hosts, into releases with an atomic `current` link (docs/deploy.md).
import { loadDeployTargetLocally } from '../app-file/load-app-file-locally.js';
import { defineCommand } from '../command.js';
import { parseDeployWords } from '../deploy/deploy-action.js';
import { runDeploy } from '../deploy/run-deploy.js';
import { EXIT_OK } from '../exit-codes.js';
import { currentEnv } from '../current-env.js';

interface DeployArgs {
  file?: string;
  environment?: string;
  command?: string[];
  '--'?: string[];
}

export const deployCommand = defineCommand<DeployArgs>({
  // Every word is optional to yargs: parseDeployWords tells a file from an environment, as pm2 does, and says what is missing.
  command: 'deploy [file] [environment] [command..]',
  describe: "Deploy the app file's deploy.<environment> target over ssh: setup, update (the default), revert [N], current, previous, list, exec CMD (docs/deploy.md)",
  example: ['svctl deploy ecosystem.config.js production', 'fetch origin/main on every production host, run post-deploy, switch current'],
  builder: (yargs) =>
    yargs
      .positional('file', { type: 'string', describe: 'the app file holding the deploy section; may be left out, as in pm2 (`svctl deploy production`): the current folder is searched as by `svctl start`' })
      .positional('environment', { type: 'string', describe: 'the deploy target (and env_<environment> for the apps)' })
      .example('svctl deploy production setup', 'as pm2: the app file is found in the current folder (ecosystem.config.js, svctl.config.js, ...)')
      .positional('command', { type: 'string', array: true, describe: 'setup | update | revert [N] | current | previous | list | exec CMD (after --, CMD may hold options)' }),
  run: async (args, context) => {
    const words = [...(args.file === undefined ? [] : [args.file]), ...(args.environment === undefined ? [] : [args.environment]), ...(args.command ?? []), ...(args['--'] ?? [])];
    const { file, environment, action } = parseDeployWords(words.map(String));
    const { deploy, warnings } = await loadDeployTargetLocally({ ...(file === undefined ? {} : { file }), cwd: process.cwd(), env: currentEnv(), target: environment });
    for (const warning of warnings) context.notice(`warning: ${warning}`);
    const outcomes = await runDeploy(deploy, action, { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) });
    if (action.kind === 'setup' || action.kind === 'update' || action.kind === 'revert') {
      context.notice(`deploy ${deploy.name} ${action.kind}: done on ${outcomes.map((outcome) => outcome.host).join(', ')}`);
    }
    return EXIT_OK;
  },
});
