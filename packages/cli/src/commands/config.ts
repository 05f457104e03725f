import { SETTINGS, SETTING_KEYS } from '@svctl/protocol';
import { defineCommand } from '../command.js';
import { EXIT_OK } from '../exit-codes.js';

export const configCommand = defineCommand({
  command: 'config',
  describe: 'Print the effective settings and where each one comes from',
  example: ['svctl config --json', 'settings with their sources as JSON'],
  builder: (yargs) => yargs,
  run: async (_args, context) => {
    const { sources, configPath, configFound } = context.settings;
    const rows = SETTING_KEYS.map((key) => ({
      key,
      value: sources[key].value,
      source: sources[key].source,
      origin: sources[key].origin,
      env: SETTINGS[key].env,
      flag: `--${SETTINGS[key].flag}`,
    }));
    if (context.json) {
      context.printJson({ config_file: configPath, config_file_found: configFound, settings: rows });
      return EXIT_OK;
    }
    context.print(`config file: ${configPath}${configFound ? '' : ' (not found, defaults apply)'}`);
    const width = Math.max(...rows.map((row) => row.key.length));
    for (const row of rows) context.print(`${row.key.padEnd(width)}  ${JSON.stringify(row.value)}  (${row.source}${row.source === 'default' ? '' : `: ${row.origin}`})`);
    return EXIT_OK;
  },
});
