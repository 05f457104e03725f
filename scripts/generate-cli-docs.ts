// Generates the command reference of docs/cli.md (every command, argument and option, with examples) from the
// yargs definitions themselves (packages/cli/src/commands/), so a command added there appears on the next
// `npm run generate`. The rest of docs/cli.md is hand-written. A test fails when the section is stale.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Argv } from 'yargs';
import { verbsOf, type CommandDefinition } from '../packages/cli/src/command.js';
import { COMMANDS } from '../packages/cli/src/commands/index.js';
import type { GlobalArgs } from '../packages/cli/src/context.js';
import { COMPLETION_COMMAND, withGlobalOptions } from '../packages/cli/src/yargs-command-line.js';
import { replaceMarkedSection } from './marked-section.js';

export const CLI_DOC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/cli.md');

interface DeclaredOption {
  name: string;
  positional: boolean;
  alias?: string | readonly string[];
  type?: string;
  choices?: readonly unknown[];
  default?: unknown;
  describe?: string;
  demandOption?: boolean;
}

interface Declared {
  options: DeclaredOption[];
  examples: Array<readonly [string, string]>;
}

// Runs a builder against a stand-in for yargs that writes down what it declares (every other call is
// chained through), so nothing is parsed and no yargs internals are read.
export function declaredBy(build: (yargs: Argv<GlobalArgs>) => unknown): Declared {
  const declared: Declared = { options: [], examples: [] };
  const recorder: object = new Proxy(
    {},
    {
      get: (_target, method) =>
        (...args: unknown[]) => {
          const [name, settings] = args;
          if ((method === 'option' || method === 'positional') && typeof name === 'string') {
            declared.options.push({ ...(settings as Omit<DeclaredOption, 'name' | 'positional'>), name, positional: method === 'positional' });
          } else if (method === 'options' && typeof name === 'object' && name !== null) {
            // The object form: .options({ force: {...}, yes: {...} }).
            for (const [key, value] of Object.entries(name)) declared.options.push({ ...(value as Omit<DeclaredOption, 'name' | 'positional'>), name: key, positional: false });
          } else if (method === 'example' && typeof name === 'string') {
            declared.examples.push([name, String(settings ?? '')]);
          }
          return recorder;
        },
    },
  );
  build(recorder as Argv<GlobalArgs>);
  return declared;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function spellings(option: DeclaredOption): string {
  if (option.positional) return `\`${option.name}\``;
  const aliases = [option.alias ?? []].flat();
  return [...aliases, option.name].map((name) => `\`${name.length === 1 ? '-' : '--'}${name}\``).join(', ');
}

function typeOf(option: DeclaredOption): string {
  if (option.choices !== undefined) return option.choices.map((choice) => `\`${String(choice)}\``).join(', ');
  return option.type ?? 'string';
}

function optionRow(option: DeclaredOption): string {
  const notes = [option.positional && option.demandOption === true ? 'required' : '', option.default === undefined ? '' : `default \`${String(option.default)}\``].filter(Boolean);
  return `| ${spellings(option)} | ${cell(typeOf(option))} | ${cell([option.describe ?? '', notes.length > 0 ? `(${notes.join('; ')})` : ''].filter(Boolean).join(' '))} |`;
}

function optionTable(options: readonly DeclaredOption[]): string {
  const ordered = [...options.filter((option) => option.positional), ...options.filter((option) => !option.positional)];
  return ['| argument or option | accepts | meaning |', '| --- | --- | --- |', ...ordered.map(optionRow)].join('\n');
}

function commandSection(definition: CommandDefinition<never>): string {
  const [usage = '', ...aliases] = [definition.command].flat();
  const declared = declaredBy(definition.builder);
  const examples = [definition.example, ...declared.examples].map(([line, what]) => `${line}${what === '' ? '' : `   # ${what}`}`);
  const otherNames = aliases.length > 0 ? `\n\nAlso: ${verbsOf(definition).slice(1).map((verb) => `\`svctl ${verb}\``).join(', ')}.` : '';
  return [
    `### \`svctl ${usage}\``,
    '',
    `${definition.describe}.${otherNames}`,
    ...(declared.options.length > 0 ? ['', optionTable(declared.options)] : []),
    '',
    '```sh',
    ...examples,
    '```',
  ].join('\n');
}

export function generateCliReference(): string {
  const globals = declaredBy((yargs) => withGlobalOptions(yargs as unknown as Argv));
  const completion = { command: COMPLETION_COMMAND.command, describe: COMPLETION_COMMAND.describe, example: COMPLETION_COMMAND.example, builder: (yargs: Argv<GlobalArgs>) => yargs, run: () => Promise.resolve(0) };
  return [
    '## Every command and option',
    '',
    'Generated from the yargs definitions (`packages/cli/src/commands/`), in the order of `svctl --help`.',
    '',
    '### Options of every command',
    '',
    optionTable(globals.options),
    '',
    'Settings such as `--home` and `--timeout` also come from the environment and the config file ([configuration.md](configuration.md)).',
    '',
    ...[...COMMANDS, completion].map((definition) => `${commandSection(definition as CommandDefinition<never>)}\n`),
  ].join('\n');
}

export function generateCliDoc(current: string): string {
  return replaceMarkedSection(current, 'cli-reference', generateCliReference(), CLI_DOC);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  fs.writeFileSync(CLI_DOC, generateCliDoc(fs.readFileSync(CLI_DOC, 'utf8')));
  process.stdout.write(`wrote the command reference of ${CLI_DOC}\n`);
}
