import { spawn } from 'node:child_process';

export interface CombinedRun {
  code: number | null;
  /** stdout and stderr together, in arrival order: the evidence when a script fails. */
  output: string;
}

/** Runs a program (npm, a shell script) to completion with extra environment variables. */
export function runCombined(file: string, args: string[], options: { cwd?: string; env: Record<string, string> }): Promise<CombinedRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: options.cwd, env: { ...process.env, ...options.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}
