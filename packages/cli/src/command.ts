import type { Argv } from 'yargs';
import type { CommandContext, GlobalArgs } from './context.js';

/** One CLI verb: its yargs shape, a one-line description, an example, and what it does. */
export interface CommandDefinition<A = Record<string, unknown>> {
  command: string | readonly string[];
  describe: string;
  example: readonly [string, string];
  builder: (yargs: Argv<GlobalArgs>) => Argv<GlobalArgs>;
  /** Returns the exit code. */
  run: (args: A & GlobalArgs, context: CommandContext) => Promise<number>;
}

export function defineCommand<A>(definition: CommandDefinition<A>): CommandDefinition<A> {
  return definition;
}

/** What a command line resolves to: the verb to run and its parsed arguments. */
export interface CommandRoute {
  definition: CommandDefinition<never>;
  args: GlobalArgs;
}

/** The words that name a verb: `list`, `ls` and `status` for `['list', 'ls', 'status']`. */
export function verbsOf(definition: CommandDefinition<never>): string[] {
  return [definition.command].flat().map((command) => command.split(' ')[0] ?? command);
}
