import { defineCommand } from '../command.js';
import type { ExportTarget } from '../export/run-export.js';
import { fileParams, withFileOptions, type FileArgs } from './file-options.js';

interface ExportArgs extends FileArgs {
  target: ExportTarget;
  file: string;
  out?: string;
  image?: string;
  'run-as'?: string;
}

export const exportCommand = defineCommand<ExportArgs>({
  command: 'export <target> <file>',
  describe: 'Convert an app file into Kubernetes manifests or systemd units (docs/export.md); keys without a counterpart are listed on stderr',
  example: ['svctl export kubernetes app.config.js --env production --image registry.example.com/api:1.4 --out k8s', 'write k8s/NAME.yaml for every app'],
  builder: (yargs) =>
    withFileOptions(yargs)
      .positional('target', { type: 'string', choices: ['kubernetes', 'systemd'], describe: 'what to export to' })
      .positional('file', { type: 'string', describe: 'the app file (as for svctl start)' })
      .option('out', { type: 'string', describe: 'write the files into this folder (default: all of them to stdout, each after a "# ==> NAME <==" line)' })
      .option('image', { type: 'string', describe: 'kubernetes: the container image of every app (default: the app key image)' })
      .option('run-as', { type: 'string', describe: 'systemd: User= of the services (default: you)' }),
  run: async (args, context) => {
    // The shell's umask is not passed: a unit or a pod does not inherit it.
    const { env_name: envName, only } = fileParams(args);
    // Loaded here: the converters stay off every other command's start-up.
    const { runExport } = await import('../export/run-export.js');
    return runExport(
      {
        target: args.target,
        file: args.file,
        ...(envName === undefined ? {} : { envName }),
        ...(only === undefined ? {} : { only }),
        ...(args.out === undefined ? {} : { out: args.out }),
        ...(args.image === undefined ? {} : { image: args.image }),
        ...(args['run-as'] === undefined ? {} : { runAs: args['run-as'] }),
      },
      context,
    );
  },
});
