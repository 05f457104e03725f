// Runs the deploy script on one host: `ssh ... HOST bash -s` with the script on stdin, the host's output
// prefixed with `[HOST] ` line by line, its stdout to ours and its stderr to ours.
import type { DeploySpec } from '@svctl/protocol';
import { LinePrefixer } from './line-prefixer.js';
import { sshArguments } from './ssh-command.js';

export interface DeployOutput {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface HostOutcome {
  host: string;
  /** ssh's exit code: the script's, or 255 when ssh itself failed; null when killed by a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** ssh could not be started at all (not installed). */
  error?: string;
}

export async function runOnHost(spec: DeploySpec, host: string, script: string, output: DeployOutput): Promise<HostOutcome> {
  // Loaded here, not at the top: child_process costs every other command's start-up.
  const { spawn } = await import('node:child_process');
  return new Promise((resolve) => {
    const child = spawn('ssh', sshArguments(spec, host), { stdio: ['pipe', 'pipe', 'pipe'] });
    const out = new LinePrefixer(`[${host}] `, output.stdout);
    const err = new LinePrefixer(`[${host}] `, output.stderr);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => out.push(chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => err.push(chunk));
    // ssh may exit before reading all of stdin (no connection): that EPIPE is reported by the exit code.
    child.stdin.on('error', () => undefined);
    child.stdin.end(script);
    child.on('error', (error) => resolve({ host, code: null, signal: null, error: error.message }));
    child.on('close', (code, signal) => {
      out.end();
      err.end();
      resolve({ host, code, signal });
    });
  });
}
