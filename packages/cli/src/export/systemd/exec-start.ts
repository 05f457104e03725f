// ExecStart= for an app: the resolved command, with a bare program (`npm`, `python3`) looked up on the
// shell's PATH at export time, since systemd searches only its own fixed PATH.
import fs from 'node:fs';
import path from 'node:path';
import type { AppSpec } from '@svctl/protocol';
import { quoteExecWord } from '../../startup/systemd-quote.js';

export interface ExecStart {
  line: string;
  /** A bare program that is not on PATH: systemd will look for it in its own PATH. */
  unresolved?: string;
}

export function execStart(spec: AppSpec, searchPath: string): ExecStart {
  const [program = '', ...rest] = spec.command;
  const found = program.includes('/') ? program : findOnPath(program, searchPath);
  return { line: [found ?? program, ...rest].map(quoteExecWord).join(' '), ...(found === undefined ? { unresolved: program } : {}) };
}

function findOnPath(program: string, searchPath: string): string | undefined {
  for (const folder of searchPath.split(':').filter((entry) => path.isAbsolute(entry))) {
    const candidate = path.join(folder, program);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // Not in this folder.
    }
  }
  return undefined;
}
