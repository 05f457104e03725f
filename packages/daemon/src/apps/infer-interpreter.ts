// Which program runs a script when the entry names none (pm2's rules, with tsx for TypeScript).
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

const INTERPRETER_BY_EXTENSION: Record<string, string> = {
  '.js': 'node',
  '.mjs': 'node',
  '.cjs': 'node',
  '.ts': 'node',
  '.mts': 'node',
  '.cts': 'node',
  '.tsx': 'node',
  '.py': 'python3',
  '.sh': 'bash',
  '.rb': 'ruby',
  '.php': 'php',
  '.pl': 'perl',
};

export function isTypeScriptFile(script: string): boolean {
  return /\.[cm]?tsx?$/.test(script);
}

/** A bare word such as `npm` or `python3`: looked up on PATH at spawn time, never resolved as a file. */
export function isBareCommand(script: string): boolean {
  return !script.includes('/') && !script.startsWith('~') && path.extname(script) === '';
}

/**
 * The interpreter for a script file, or null when it runs itself. A bare command runs itself;
 * a file of another extension runs itself when executable (a shebang script), else with node as pm2 does.
 */
export function inferInterpreter(script: string, resolvedScript: string): string | null {
  const known = INTERPRETER_BY_EXTENSION[path.extname(script).toLowerCase()];
  if (known !== undefined) return known;
  if (isBareCommand(script)) return null;
  return isExecutable(resolvedScript) ? null : 'node';
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
