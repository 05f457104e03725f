// pre-deploy-local: run on this machine with bash (as pm2 does), in the current folder, before any host is
// contacted; the deploy's variables are exported to it as to the remote commands.

/** The exit code (128 + the signal's number when killed, 127 when bash cannot run); output goes to ours. */
export async function runLocalHook(command: string, env: Record<string, string>): Promise<number> {
  // Loaded here, not at the top: child_process costs every other command's start-up.
  const [{ spawn }, { constants }] = await Promise.all([import('node:child_process'), import('node:os')]);
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', command], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
    child.on('error', () => resolve(127));
    child.on('close', (code, signal) => resolve(code ?? 128 + (signal === null ? 0 : constants.signals[signal])));
  });
}
