// pm2's deploy: `svctl deploy FILE ENV [setup|update|revert [N]|current|previous|list|exec CMD]` over the
// system's ssh and git on the hosts, into releases with an atomic `current` link (docs/deploy.md).
import { loadDeployTargetLocally } from '../app-file/load-app-file-locally.js';
import { defineCommand } from '../command.js';
import { parseDeployAction } from '../deploy/deploy-action.js';
import { runDeploy } from '../deploy/run-deploy.js';
import { EXIT_OK } from '../exit-codes.js';
import { currentEnv } from '../current-env.js';

interface DeployArgs {
  file: string;
  environment: string;
  command?: string[];
  '--'?: string[];
}

export const deployCommand = defineCommand<DeployArgs>({
  command: 'deploy <file> <environment> [command..]',
  describe: "Deploy the app file's deploy.<environment> target over ssh: setup, update (the default), revert [N], current, previous, list, exec CMD (docs/deploy.md)",
  example: ['svctl deploy ecosystem.config.js production', 'fetch origin/main on every production host, run post-deploy, switch current'],
  builder: (yargs) =>
    yargs
      .positional('file', { type: 'string', demandOption: true, describe: 'the app file holding the deploy section' })
      .positional('environment', { type: 'string', demandOption: true, describe: 'the deploy target (and env_<environment> for the apps)' })
      .positional('command', { type: 'string', array: true, describe: 'setup | update | revert [N] | current | previous | list | exec CMD (after --, CMD may hold options)' }),
  run: async (args, context) => {
    const action = parseDeployAction([...(args.command ?? []), ...(args['--'] ?? [])].map(String));
    const { deploy, warnings } = await loadDeployTargetLocally({ file: args.file, cwd: process.cwd(), env: currentEnv(), target: args.environment });
    for (const warning of warnings) context.notice(`warning: ${warning}`);
    const outcomes = await runDeploy(deploy, action, { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) });
    if (action.kind === 'setup' || action.kind === 'update' || action.kind === 'revert') {
      context.notice(`deploy ${deploy.name} ${action.kind}: done on ${outcomes.map((outcome) => outcome.host).join(', ')}`);
    }
    return EXIT_OK;
  },
});
