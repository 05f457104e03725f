// A usage error as svctl says it: `svctl: <what is wrong>` and one hint, never yargs' own wording.
// An unknown name is looked up by meaning first (pm2's names, pm2-names.ts), then by spelling.
import { SvctlError, suggestKey } from '@svctl/protocol';
import { verbsOf, type CommandDefinition } from '../command.js';
import { commandWords } from '../command-words.js';
import { PM2_COMMANDS, PM2_FLAGS, type Pm2Counterpart } from './pm2-names.js';

export interface UsageContext {
  /** The command line as typed (without `svctl`). */
  argv: readonly string[];
  commands: ReadonlyArray<CommandDefinition<never>>;
  /** Options known where the error happened (global ones and the command's), without dashes. */
  options: readonly string[];
}

const HELP_HINT = 'svctl --help lists the commands and options';

/** Turns a message from yargs into svctl's usage error. */
export function usageError(message: string, context: UsageContext): SvctlError {
  const words = commandWords(context.argv);
  const verb = words[0];
  const definition = verb === undefined ? undefined : context.commands.find((candidate) => verbsOf(candidate).includes(verb));
  const unknown = /^Unknown arguments?: (.*)$/s.exec(message);
  if (verb === undefined && unknown !== null) return unknownArgument(firstUnknown(unknown[1] ?? '', context.argv), 'svctl', HELP_HINT, context.options);
  if (verb === undefined) return usage('name a command', HELP_HINT);
  if (definition === undefined) return unknownCommand(verb, context.commands);
  const commandHint = `${usageLine(definition, verb)}; \`svctl ${verb} --help\` lists its options`;
  if (unknown !== null) return unknownArgument(firstUnknown(unknown[1] ?? '', context.argv), verb, commandHint, context.options);
  if (/^(Not enough non-option arguments|Missing required argument)/.test(message)) {
    return usage(`${verb} needs ${requiredWords(definition).join(' ')}`, `${usageLine(definition, verb)}, e.g. \`${definition.example[0]}\``);
  }
  const following = /^Not enough arguments following: (.*)$/.exec(message);
  if (following !== null) return usage(`--${following[1] ?? ''} needs a value`, commandHint);
  const invalid = /Argument: (\S+), Given: (.*), Choices: (.*)$/s.exec(message);
  if (invalid !== null) return usage(`${verb}: ${invalid[1] ?? ''} must be one of ${(invalid[3] ?? '').trim()}, not ${invalid[2] ?? ''}`, commandHint);
  return usage(`${verb}: ${message.replace(/\s+/g, ' ').trim()}`, commandHint);
}

function usage(message: string, hint: string): SvctlError {
  return new SvctlError('USAGE', message, { hint });
}

function unknownCommand(verb: string, commands: ReadonlyArray<CommandDefinition<never>>): SvctlError {
  const counterpart = Object.hasOwn(PM2_COMMANDS, verb) ? PM2_COMMANDS[verb] : undefined;
  if (counterpart !== undefined) return fromCounterpart(`"${verb}" is not an svctl command`, counterpart);
  // A word of one or two letters is close to too many commands to suggest one.
  const suggestion = verb.length < 3 ? undefined : suggestKey(verb, [...commands.flatMap((definition) => verbsOf(definition)), 'completion']);
  return usage(`unknown command "${verb}"`, suggestion === undefined ? HELP_HINT : `did you mean \`svctl ${suggestion}\`? (${HELP_HINT})`);
}

function unknownArgument(name: string, verb: string, commandHint: string, options: readonly string[]): SvctlError {
  if (!isOptionName(name)) return usage(`${verb}: unexpected argument "${name.replace(/^-+/, '')}"`, commandHint);
  const bare = name.replace(/^-+/, '').replace(/=.*$/s, '');
  const counterpart = Object.hasOwn(PM2_FLAGS, bare) ? PM2_FLAGS[bare] : undefined;
  if (counterpart !== undefined) return fromCounterpart(`${verb} has no option ${dashed(bare)}`, counterpart);
  // A negated boolean (`--no-autorestrt`) is suggested negated (`--no-autorestart`).
  const negated = bare.startsWith('no-') ? 'no-' : '';
  const closest = suggestKey(bare.slice(negated.length), options.filter((option) => option.length > 1));
  const suggestion = closest === undefined ? undefined : `${negated}${closest}`;
  const help = verb === 'svctl' ? '`svctl --help` lists them' : `\`svctl ${verb} --help\` lists its options`;
  return usage(`${verb} has no option ${dashed(bare)}`, suggestion === undefined ? commandHint : `did you mean --${suggestion}? (${help})`);
}

function fromCounterpart(message: string, counterpart: Pm2Counterpart): SvctlError {
  return usage(message, counterpart.use === undefined ? counterpart.note : `use \`svctl ${counterpart.use}\` (${counterpart.note})`);
}

// yargs names an unknown option without its dashes (and sometimes once more in camelCase): find it as typed.
function firstUnknown(list: string, argv: readonly string[]): string {
  const names = list.split(', ');
  for (const word of argv) {
    const bare = word.replace(/^-+/, '').replace(/=.*$/s, '');
    // `--no-daemon` is reported by yargs as `daemon` (a negated boolean).
    if (names.includes(bare.replace(/^no-/, '')) || names.includes(word)) return word.startsWith('-') ? `${word.startsWith('--') ? '--' : '-'}${bare}` : word;
  }
  return names[0] ?? list;
}

function isOptionName(word: string): boolean {
  return /^-{1,2}[^-\d]/.test(word);
}

function dashed(name: string): string {
  return name.length === 1 ? `-${name}` : `--${name}`;
}

function requiredWords(definition: CommandDefinition<never>): string[] {
  const [first = ''] = [definition.command].flat();
  return first.split(' ').filter((word) => word.startsWith('<'));
}

function usageLine(definition: CommandDefinition<never>, verb: string): string {
  const [first = ''] = [definition.command].flat();
  return `usage: svctl ${[verb, ...first.split(' ').slice(1)].join(' ')}`;
}
