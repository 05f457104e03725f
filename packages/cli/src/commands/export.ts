import { defineCommand } from '../command.js';
import type { ExportArgs } from '../export/run-export.js';

export const exportCommand = defineCommand<ExportArgs>({
  command: 'export <target> <file>',
  describe: 'Convert an app file into Kubernetes manifests or systemd units (docs/export.md); keys without a counterpart are listed on stderr',
  example: ['svctl export kubernetes app.config.js --env production --image registry.example.com/api:1.4 --out k8s', 'write k8s/NAME.yaml for every app'],
  builder: (yargs) =>
    yargs
      .positional('target', { type: 'string', choices: ['kubernetes', 'systemd'], describe: 'what to export to' })
      .positional('file', { type: 'string', describe: 'the app file (as for svctl start)' })
      .option('env', { type: 'string', describe: 'apply the env_<name> block of every app' })
      .option('out', { type: 'string', describe: 'write the files into this folder (default: all of them to stdout, each after a "# ==> NAME <==" line)' })
      .option('image', { type: 'string', describe: 'kubernetes: the container image of every app (default: the app key image)' })
      .option('only', { type: 'string', describe: 'export only these apps (comma-separated names)' })
      .option('run-as', { type: 'string', describe: 'systemd: User= of the services (default: you)' }),
  run: async (args, context) => {
    // Loaded here: the converters stay off every other command's start-up.
    const { runExport } = await import('../export/run-export.js');
    return runExport(args, context);
  },
});
