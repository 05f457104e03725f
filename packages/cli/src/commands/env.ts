// pm2's `env`: the environment an instance's process got, one `KEY=value` line per variable, sorted.
import { AppsEnv } from '@svctl/protocol';
import { defineCommand } from '../command.js';
import { EXIT_OK } from '../exit-codes.js';

export const envCommand = defineCommand<{ target: string; instance?: number; 'show-secrets'?: boolean }>({
  command: 'env <target> [instance]',
  describe: "Print the environment an instance's process sees (values of secret-looking names masked)",
  example: ['svctl env api 1', 'the environment of instance 1 of api'],
  builder: (yargs) =>
    yargs
      .positional('target', { type: 'string', demandOption: true, describe: 'name, id, namespace, app file, or all' })
      .positional('instance', { type: 'number', describe: 'instance number (default 0)' })
      .option('show-secrets', { type: 'boolean', describe: 'show values of variables whose names look secret' }),
  run: async (args, context) => {
    const client = await context.client();
    const params = { target: args.target, cwd: process.cwd(), show_secrets: args['show-secrets'] === true, ...(args.instance === undefined ? {} : { instance: args.instance }) };
    const { instances } = await client.call(AppsEnv, params);
    if (context.json) {
      context.printJson(instances);
      return EXIT_OK;
    }
    const blocks = instances.map(({ app, instance, env }) => {
      const lines = Object.keys(env).sort().map((key) => `${key}=${env[key] ?? ''}`);
      return instances.length === 1 ? lines.join('\n') : [`# ${app}[${instance}]`, ...lines].join('\n');
    });
    context.print(blocks.join('\n\n'));
    return EXIT_OK;
  },
});
