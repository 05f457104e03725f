// From script/args/interpreter to the exact argv the daemon will exec.
import { quoteShellWord } from '@svctl/protocol';
import { tsxLoaderUrl } from './evaluate-module.js';
import { resolveUserPath } from './expand-path.js';
import { inferInterpreter, isBareCommand, isTypeScriptFile } from './infer-interpreter.js';
import { splitShellWords, UnterminatedQuoteError } from './shell-words.js';

export interface CommandInput {
  script: string;
  args?: string | string[];
  interpreter?: string;
  interpreter_args?: string | string[];
  shell?: boolean;
}

export interface ResolvedCommand {
  script: string;
  args: string[];
  interpreter: string | null;
  interpreter_args: string[];
  shell: boolean;
  command: string[];
}

/** A string `args` or `interpreter_args` that cannot be split (an open quote). */
export class CommandWordsError extends Error {
  constructor(
    readonly key: 'args' | 'interpreter_args',
    reason: string,
  ) {
    super(`key "${key}" has an ${reason}`);
  }
}

/** Throws CommandWordsError for a string args or interpreter_args with an open quote. */
export function resolveCommand(input: CommandInput, cwd: string, home: string): ResolvedCommand {
  const trimmed = input.script.trim();
  const isCommandLine = /\s/.test(trimmed) && input.shell !== false;
  // A whole command line (`npm start`) runs through the shell, as pm2 does with bash -c.
  const shell = input.shell ?? isCommandLine;
  const script = isCommandLine || isBareCommand(trimmed) ? trimmed : resolveUserPath(input.script, cwd, home);
  const interpreter = resolveInterpreter(input.interpreter, isCommandLine ? null : inferInterpreter(trimmed, script), cwd, home);
  const args = toWords(input.args, 'args');
  const interpreterArgs = toWords(input.interpreter_args, 'interpreter_args');
  const inferredTypeScript = input.interpreter === undefined && interpreter === 'node' && isTypeScriptFile(trimmed);
  const program = [
    ...(interpreter === null ? [] : [interpreter === 'node' ? process.execPath : interpreter]),
    ...(inferredTypeScript ? ['--import', tsxLoaderUrl()] : []),
    ...interpreterArgs,
  ];
  const command = shell
    ? ['/bin/sh', '-c', [...program.map(quoteShellWord), isCommandLine ? script : quoteShellWord(script), ...args.map(quoteShellWord)].join(' ')]
    : [...program, script, ...args];
  return { script, args, interpreter, interpreter_args: interpreterArgs, shell, command };
}

function resolveInterpreter(declared: string | undefined, inferred: string | null, cwd: string, home: string): string | null {
  if (declared === undefined) return inferred;
  if (declared === 'none') return null;
  // `bun` or `python3.11` is looked up on PATH; `./venv/bin/python` or `~/.nvm/...` is a path.
  return declared.includes('/') || declared.startsWith('~') ? resolveUserPath(declared, cwd, home) : declared;
}

function toWords(value: string | string[] | undefined, key: CommandWordsError['key']): string[] {
  if (value === undefined) return [];
  if (typeof value !== 'string') return [...value];
  try {
    return splitShellWords(value);
  } catch (error) {
    if (error instanceof UnterminatedQuoteError) throw new CommandWordsError(key, error.message);
    throw error;
  }
}
