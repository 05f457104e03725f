import path from 'node:path';
import { displayPath } from './display-path.js';
import type { AppSource } from './types.js';

export const COMMAND_LINE = '(command line)';

/** Apps from a file: relative cwd values resolve against the file's folder. */
export function fileSource(file: string, cliCwd: string): AppSource {
  return { file, displayName: displayPath(file, cliCwd), baseDir: path.dirname(file), sourceFile: file };
}

/** Apps from `svctl start <script>`: relative paths resolve against the CLI's cwd. */
export function commandLineSource(cliCwd: string): AppSource {
  return { file: COMMAND_LINE, displayName: COMMAND_LINE, baseDir: cliCwd, sourceFile: null };
}
