import fs from 'node:fs';
import os from 'node:os';
import { SvctlError } from '@svctl/protocol';
import { defineCommand } from '../command.js';
import { EXIT_OK } from '../exit-codes.js';
import { refuseRemote } from '../local-only.js';
import { unitLocation } from '../startup/locations.js';

export const unstartupCommand = defineCommand<{ init?: string; user?: boolean; 'run-as'?: string; 'unit-dir'?: string }>({
  command: 'unstartup [init]',
  describe: 'Remove the systemd unit written by `svctl startup --install` (and its enable link)',
  example: ['svctl unstartup --user', 'remove ~/.config/systemd/user/svctl.service'],
  builder: (yargs) =>
    yargs
      .positional('init', { type: 'string', choices: ['systemd'], default: 'systemd', describe: 'init system' })
      .option('user', { type: 'boolean', describe: 'remove the user unit instead of the system unit' })
      .option('run-as', { type: 'string', describe: 'system unit: the user it was generated for (default: you)' })
      .option('unit-dir', { type: 'string', describe: 'the folder the unit was written to, if not the standard one' }),
  run: (args, context) => {
    refuseRemote(context, 'unstartup');
    const scope = args.user === true ? 'user' : 'system';
    const location = unitLocation(scope, args['run-as'] ?? os.userInfo().username, args['unit-dir']);
    const removed: string[] = [];
    for (const file of [location.wantedByLink, location.file]) {
      try {
        fs.rmSync(file);
        removed.push(file);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') continue;
        throw new SvctlError('UNIT_INSTALL_FAILED', `cannot remove ${file}: ${code ?? (error as Error).message}`, {
          hint: scope === 'system' ? 'a system unit needs root: run it with sudo' : `check the permissions of ${location.dir}`,
          cause: error,
        });
      }
    }
    const commands = removed.length === 0 ? [] : [`${location.systemctl} daemon-reload`, `${location.systemctl} stop ${location.name}   # if it runs: stops svctld and its apps`];
    if (context.json) context.printJson({ removed, commands });
    else if (removed.length === 0) context.print(`no unit at ${location.file}; nothing to remove`);
    else {
      for (const file of removed) context.print(`removed ${file}`);
      context.print('then run:');
      for (const command of commands) context.print(`  ${command}`);
    }
    return Promise.resolve(EXIT_OK);
  },
});
