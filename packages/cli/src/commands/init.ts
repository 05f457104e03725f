import fs from 'node:fs';
import path from 'node:path';
import { SvctlError } from '@svctl/protocol';
import { defineCommand } from '../command.js';
import { EXIT_OK } from '../exit-codes.js';
import { appFileText } from '../init/app-file-text.js';
import { exampleAppFor, scriptFormatFor } from '../init/project.js';

export const initCommand = defineCommand<{ force?: boolean }>({
  command: ['init', 'ecosystem'],
  describe: "Write a commented example app file (svctl.config.js, or svctl.config.json with --json) into the current folder, running package.json's start script",
  example: ['svctl init && svctl start', 'an app file for this project, then start it'],
  builder: (yargs) => yargs.option('force', { type: 'boolean', describe: 'overwrite an existing svctl.config.js / svctl.config.json' }),
  run: (args, context) => {
    const folder = process.cwd();
    const file = path.join(folder, args.json === true ? 'svctl.config.json' : 'svctl.config.js');
    if (fs.existsSync(file) && args.force !== true) {
      throw new SvctlError('FILE_EXISTS', `${file} already exists; nothing was written`, { hint: 'edit it, or run `svctl init --force` to replace it' });
    }
    const app = exampleAppFor(folder);
    fs.writeFileSync(file, appFileText(app, args.json === true ? 'json' : scriptFormatFor(folder)));
    // --json picks the file's format, and (as for every command) prints only JSON on stdout.
    if (context.json) context.printJson({ file, app: app.name, script: app.command.keys.script });
    else context.print(`wrote ${path.basename(file)} (app ${app.name}, script ${app.command.keys.script}); run \`svctl start\` to start it`);
    return Promise.resolve(EXIT_OK);
  },
});
