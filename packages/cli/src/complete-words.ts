// Shell completion (`svctl completion` installs a script that runs `svctl --get-yargs-completions svctl WORDS...`):
// the command first, then its options, or the names of the running daemon's apps. Names are asked of a
// daemon that already runs, quickly; completing never autostarts one.
import { AppsList } from '@svctl/protocol';
import type { Argv } from 'yargs';
import { verbsOf, type CommandDefinition } from './command.js';
import { commandWords } from './command-words.js';
import { createContext, type GlobalArgs } from './context.js';

const ANSWER_WITHIN_MS = 500;

/** Completions for the last of `words` (the command line as the shell has it, `svctl` first). */
export async function completeWords(
  words: readonly string[],
  commands: ReadonlyArray<CommandDefinition<never>>,
  optionsOf: (definition: CommandDefinition<never> | undefined) => string[],
): Promise<string[]> {
  const typed = words.slice(1);
  const current = typed.at(-1) ?? '';
  const [verb] = commandWords(typed.slice(0, -1));
  const definition = commands.find((candidate) => verb !== undefined && verbsOf(candidate).includes(verb));
  if (current.startsWith('-')) return optionsOf(definition).map((option) => `--${option}`).filter((option) => option.startsWith(current));
  if (verb === undefined) return [...commands.flatMap((candidate) => verbsOf(candidate)), 'completion'].filter((word) => word.startsWith(current));
  // Only a command that takes a target (or an app name) gets names.
  if (definition === undefined || !/ [<[](target|name)[\]>]/.test([definition.command].flat()[0] ?? '')) return [];
  const names = await Promise.race([appNames(globalArgsOf(typed)), new Promise<string[]>((resolve) => setTimeout(() => resolve([]), ANSWER_WITHIN_MS).unref())]);
  return ['all', ...names].filter((name) => name.startsWith(current));
}

/** The option names yargs knows once a command's builder ran (global ones included). */
export function optionNames(parser: Argv<GlobalArgs>): string[] {
  const options = (parser as unknown as { getOptions?: () => { key?: Record<string, unknown>; hiddenOptions?: string[] } }).getOptions?.();
  return Object.keys(options?.key ?? {}).filter((key) => !(options?.hiddenOptions ?? []).includes(key) && key !== '$0');
}

// --home and --config on the line being completed name the daemon to ask.
function globalArgsOf(words: readonly string[]): GlobalArgs {
  const args: GlobalArgs = {};
  words.forEach((word, index) => {
    const next = words[index + 1];
    if (word === '--home' && next !== undefined) args.home = next;
    if (word === '--config' && next !== undefined) args.config = next;
  });
  return args;
}

async function appNames(args: GlobalArgs): Promise<string[]> {
  try {
    const client = await createContext(args).existingClient();
    try {
      const { instances } = await client.call(AppsList, {});
      return [...new Set(instances.map((row) => row.app))].sort();
    } finally {
      client.close();
    }
  } catch {
    return [];
  }
}
