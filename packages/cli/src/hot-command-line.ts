// The hot path: verbs that take no options of their own (ping, list) run without loading yargs, its
// help text or the other commands. Only a command line made of such a verb and plainly written global
// options is read here; anything else (help, --version, a typo, an option written another way) goes
// to the yargs parser, so behaviour, messages and exit codes stay those of yargs.
import { verbsOf, type CommandDefinition, type CommandRoute } from './command.js';
import { jlistCommand, listCommand, prettylistCommand } from './commands/list.js';
import { pingCommand } from './commands/ping.js';
import type { GlobalArgs } from './context.js';

export const HOT_COMMANDS = [pingCommand, listCommand, jlistCommand, prettylistCommand] as ReadonlyArray<CommandDefinition<never>>;

const SWITCHES: Record<string, readonly ['json' | 'verbose' | 'autostart', boolean]> = {
  '--json': ['json', true],
  '--verbose': ['verbose', true],
  '--autostart': ['autostart', true],
  '--no-autostart': ['autostart', false],
};
const VALUED: Record<string, 'home' | 'config' | 'timeout'> = { '--home': 'home', '--config': 'config', '--timeout': 'timeout' };

/** The route for a hot command line, or undefined when yargs must read it. */
export function parseHotCommandLine(argv: readonly string[]): CommandRoute | undefined {
  const args: GlobalArgs = {};
  let verb: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const word = argv[index] ?? '';
    if (!word.startsWith('-')) {
      if (verb !== undefined) return undefined;
      verb = word;
      continue;
    }
    const equals = word.indexOf('=');
    const name = equals === -1 ? word : word.slice(0, equals);
    const toggle = SWITCHES[name];
    if (toggle !== undefined) {
      if (equals !== -1 || args[toggle[0]] !== undefined) return undefined;
      args[toggle[0]] = toggle[1];
      continue;
    }
    const key = VALUED[name];
    if (key === undefined || args[key] !== undefined) return undefined;
    const value = equals === -1 ? argv[++index] : word.slice(equals + 1);
    if (value === undefined || value === '' || value.startsWith('-')) return undefined;
    if (key !== 'timeout') args[key] = value;
    else if (/^\d{1,9}$/.test(value)) args.timeout = Number(value);
    else return undefined;
  }
  const definition = HOT_COMMANDS.find((candidate) => verb !== undefined && verbsOf(candidate).includes(verb));
  return definition === undefined ? undefined : { definition, args };
}
