import fs from 'node:fs';
import { SvctlError } from '../errors.js';

/** The config file's text, or undefined when it does not exist (any other read error is reported). */
export function readConfigFileIfExists(path: string): string | undefined {
  try {
    return fs.readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SvctlError('CONFIG_INVALID', `cannot read config file ${path}: ${(error as Error).message}`);
  }
}
