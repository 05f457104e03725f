// Maps a package.json `start` script to app keys, so `svctl init` writes the command the project already uses.
// Only command lines svctl can run without a shell are taken apart; anything else runs through `npm start`.

/** The app keys that run a command: always `script`, the others when the command has them. */
export interface CommandKeys {
  script: string;
  args?: string[];
  node_args?: string[];
  interpreter?: string;
}

/** How a start script became keys, for the comment in the written file. */
export interface MappedStartScript {
  keys: CommandKeys;
  /** `direct`: the command line itself runs (no npm in between); `npm`: `npm start` runs it. */
  via: 'direct' | 'npm';
}

// Shell syntax (operators, quotes, expansions, globs): only a shell can run such a line as written.
const SHELL_SYNTAX = /[|&;<>()$`"'\\*?~{}]/;
const ENV_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
// Node options that take their value as the next word (`node -r dotenv/config server.js`).
const NODE_OPTIONS_WITH_VALUE = new Set(['-r', '--require', '--import', '--loader', '--experimental-loader', '--env-file', '--inspect-port', '--title']);
// Files svctl runs with an interpreter of its own choosing (node, node+tsx, python3, bash: docs/app-file.md).
const SCRIPT_FILE = /\.(?:[cm]?js|ts|mts|cts|py|sh)$/;
// Runners whose job svctl does itself for a .ts file (node+tsx).
const TS_RUNNERS = new Set(['tsx', 'ts-node']);
const PYTHONS = /^python(?:\d+(?:\.\d+)?)?$/;

export const NPM_START: MappedStartScript = { keys: { script: 'npm', args: ['start'] }, via: 'npm' };

export function mapStartScript(command: string): MappedStartScript {
  const words = command.trim().split(/\s+/).filter(Boolean);
  const [first, ...rest] = words;
  if (first === undefined || SHELL_SYNTAX.test(command) || ENV_ASSIGNMENT.test(first)) return NPM_START;
  if (first === 'node') return mapNode(rest);
  if (SCRIPT_FILE.test(first)) return direct({ script: first }, rest);
  const [file, ...args] = rest;
  if (file === undefined || !SCRIPT_FILE.test(file)) return NPM_START;
  if (TS_RUNNERS.has(first) && /\.[cm]?ts$/.test(file)) return direct({ script: file }, args);
  if (PYTHONS.test(first) && file.endsWith('.py')) return direct({ script: file, interpreter: first }, args);
  return NPM_START;
}

function mapNode(words: string[]): MappedStartScript {
  const nodeArgs: string[] = [];
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index] ?? '';
    if (!word.startsWith('-')) return direct({ script: word, ...(nodeArgs.length > 0 ? { node_args: nodeArgs } : {}) }, words.slice(index + 1));
    // `node -e CODE`, `node --test`...: no script file to supervise.
    if (word === '-e' || word === '--eval' || word === '-p' || word === '--print' || word === '--test') return NPM_START;
    nodeArgs.push(word);
    const value = words[index + 1];
    if (NODE_OPTIONS_WITH_VALUE.has(word) && value !== undefined) {
      nodeArgs.push(value);
      index += 1;
    }
  }
  return NPM_START;
}

function direct(keys: CommandKeys, args: string[]): MappedStartScript {
  return { keys: args.length > 0 ? { ...keys, args } : keys, via: 'direct' };
}
