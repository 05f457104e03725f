// pre-deploy-local: run on this machine with bash (as pm2 does), in the current folder, before any host is
// contacted; the deploy's variables are exported to it as to the remote commands.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

/** The exit code (128 + the signal's number when killed, 127 when bash cannot run); output goes to ours. */
export function runLocalHook(command: string, env: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', command], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
    child.on('error', () => resolve(127));
    child.on('close', (code, signal) => resolve(code ?? 128 + (signal === null ? 0 : constants.signals[signal])));
  });
}
