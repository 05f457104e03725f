// What `svctl deploy [FILE] ENV [...]` is asked to do: the file, the target and pm2's deploy commands.
import { SvctlError } from '@svctl/protocol';
import { isAppFileName } from '../app-file/app-file-name.js';

export type DeployAction =
  | { kind: 'setup' }
  | { kind: 'update' }
  | { kind: 'revert'; steps: number }
  | { kind: 'current' }
  | { kind: 'previous' }
  | { kind: 'list' }
  | { kind: 'exec'; command: string };

const USAGE_LINE = 'svctl deploy [FILE] ENV [setup|update|revert [N]|current|previous|list|exec CMD]';

export interface DeployWords {
  /** Undefined: search the current folder, as `svctl start` does. */
  file: string | undefined;
  environment: string;
  action: DeployAction;
}

/** As pm2: the first word is the app file when it is named like one (or is a path), else it is the environment. */
export function parseDeployWords(words: readonly string[]): DeployWords {
  const [first, ...rest] = words;
  if (first === undefined) throw usage('the deploy environment is missing');
  const named = isAppFileName(first) || /[/\\]/.test(first);
  const [environment, ...commands] = named ? rest : words;
  if (environment === undefined) throw usage(`the deploy environment is missing after ${first}`);
  return { file: named ? first : undefined, environment, action: parseDeployAction(commands) };
}

/** No words is an update, as with pm2; pm2's short names (curr, prev, run) are accepted too. */
export function parseDeployAction(words: readonly string[]): DeployAction {
  const [verb = 'update', ...rest] = words;
  const none = (action: DeployAction): DeployAction => {
    if (rest.length > 0) throw usage(`"${verb}" takes no arguments (got ${rest.join(' ')})`);
    return action;
  };
  switch (verb) {
    case 'setup':
      return none({ kind: 'setup' });
    case 'update':
      return none({ kind: 'update' });
    case 'current':
    case 'curr':
      return none({ kind: 'current' });
    case 'previous':
    case 'prev':
      return none({ kind: 'previous' });
    case 'list':
      return none({ kind: 'list' });
    case 'revert':
      return revert(rest);
    case 'exec':
    case 'run':
      if (rest.length === 0 || rest.join(' ').trim() === '') throw usage('exec needs a command to run on the hosts');
      return { kind: 'exec', command: rest.join(' ') };
    default:
      throw usage(`"${verb}" is not a deploy command`);
  }
}

function revert(rest: readonly string[]): DeployAction {
  if (rest.length > 1) throw usage(`revert takes one number (got ${rest.join(' ')})`);
  const text = rest[0] ?? '1';
  if (!/^[1-9][0-9]{0,3}$/.test(text)) throw usage(`revert N needs N as a whole number of releases from 1 (got "${text}")`);
  return { kind: 'revert', steps: Number(text) };
}

function usage(message: string): SvctlError {
  return new SvctlError('USAGE', message, { hint: `usage: ${USAGE_LINE}, e.g. \`svctl deploy production\` or \`svctl deploy ecosystem.config.js production setup\`` });
}
