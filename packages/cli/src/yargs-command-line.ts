// The full command line: every verb, help, completion, version and usage errors, read by yargs.
import { SETTINGS, SVCTL_VERSION } from '@svctl/protocol';
import type { Argv } from 'yargs';
import type { CommandDefinition, CommandRoute } from './command.js';
import { COMMANDS } from './commands/index.js';
import { completeWords, optionNames } from './complete-words.js';
import type { GlobalArgs } from './context.js';
import { usageError } from './usage/usage-error.js';

/** The route yargs picks; undefined when it handled the command line itself (--help, --version, completion). */
export async function parseYargsCommandLine(argv: string[]): Promise<CommandRoute | undefined> {
  // Loaded only here, when the hot path (hot-command-line.ts) did not take the command line: loading
  // yargs is most of a command's start-up cost.
  const { default: yargs } = await import('yargs');
  if (argv[0] === COMPLETION_REQUEST) {
    const optionsOf = (definition: CommandDefinition<never> | undefined) => {
      const base = withGlobalOptions(yargs([]));
      return optionNames(definition === undefined ? base : definition.builder(base));
    };
    for (const word of await completeWords(argv.slice(1), COMMANDS, optionsOf)) process.stdout.write(`${word}\n`);
    return undefined;
  }
  let route: CommandRoute | undefined;
  const parser = withGlobalOptions(yargs(argv))
    .scriptName('svctl')
    .usage('svctl: a process supervisor for servers\n\nUsage: svctl <command> [options]')
    .completion(COMPLETION_COMMAND.command, COMPLETION_COMMAND.describe)
    .example(...COMPLETION_COMMAND.example)
    .demandCommand(1)
    .strict()
    .version(SVCTL_VERSION)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(100, process.stdout.columns || 80))
    .exitProcess(false)
    .fail((message: string | undefined, error: Error | undefined) => {
      if (error !== undefined) throw error;
      throw usageError(message ?? '', { argv, commands: COMMANDS, options: optionNames(parser) });
    });
  skipHelpPrerender(parser);
  for (const definition of COMMANDS) {
    parser.command(definition.command, definition.describe, definition.builder, (args) => {
      route = { definition, args: args as GlobalArgs };
    });
    parser.example(...definition.example);
  }
  await parser.parseAsync();
  return route;
}

// What the completion script runs (yargs' name for it): answered by completeWords, not by yargs.
const COMPLETION_REQUEST = '--get-yargs-completions';

/** The one command yargs defines itself (not in COMMANDS); docs/cli.md lists it too. */
export const COMPLETION_COMMAND = {
  command: 'completion',
  describe: 'Print a bash/zsh completion script (source it from your shell rc): it completes commands, options and app names',
  example: ['svctl completion >> ~/.bashrc', 'install shell completion'],
} as const;

/** The options every command takes. */
export function withGlobalOptions(parser: Argv): Argv<GlobalArgs> {
  return (
    parser
      // No camelCase copies of kebab-case options: they would be named twice in errors.
      .parserConfiguration({ 'populate--': true, 'camel-case-expansion': false })
      .option('json', { type: 'boolean', describe: 'Print only JSON on stdout (read commands)' })
      .option('verbose', { type: 'boolean', describe: 'Show stack traces of errors' })
      .option('home', { type: 'string', describe: SETTINGS.home.description })
      .option('config', { type: 'string', describe: SETTINGS.config.description })
      .option('autostart', { type: 'boolean', describe: `${SETTINGS.autostart.description} (--no-autostart to refuse)` })
      .option('timeout', { type: 'number', describe: SETTINGS.timeout.description })
      .option('host', { type: 'string', describe: "A remote daemon's gateway, https://HOST:PORT (over WSS; docs/api.md)" })
      .option('token-file', { type: 'string', describe: 'With --host: a file holding the bearer token' })
      .option('insecure', { type: 'boolean', describe: 'With --host: accept a self-signed certificate (not verified: a warning is printed)' })
  );
}

// yargs renders the whole help text after starting every command handler, in case the handler
// fails and help must be shown. Our fail() handler never shows help, so that work (10-20 ms of
// every command, a fifth of `svctl ping`) is wasted; this turns it off. Internal yargs API: if it
// changes, nothing breaks, the CLI is just slower again.
function skipHelpPrerender(parser: unknown): void {
  const usage = (parser as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } })
    .getInternalMethods?.()
    .getUsageInstance?.();
  if (usage?.cacheHelpMessage !== undefined) usage.cacheHelpMessage = () => undefined;
}
