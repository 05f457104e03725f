import { defineCommand } from '../command.js';
import { restartDaemonWithApps } from '../upgrade/restart-daemon.js';

export const updateCommand = defineCommand({
  command: 'update',
  describe: 'After upgrading svctl: save, stop the old daemon, start the new one and resurrect',
  example: ['svctl update', 'after installing a new svctl: move the running apps to the new daemon'],
  builder: (yargs) => yargs,
  run: (_args, context) => restartDaemonWithApps(context, 'update'),
});
