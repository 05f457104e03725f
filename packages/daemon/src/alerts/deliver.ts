// The two alert actions: run a command (argv, no shell; the event JSON on stdin and in SVCTL_EVENT)
// and POST the event JSON to a webhook. Each attempt has a timeout; failures reject with why.
import { spawn, type ChildProcess } from 'node:child_process';

export interface Running {
  /** Kills the command or aborts the request (daemon shutdown). */
  cancel(): void;
}

export function runCommand(argv: readonly string[], payload: string, timeoutMs: number, track: (running: Running | null) => void): Promise<void> {
  const [file, ...args] = argv;
  if (file === undefined) return Promise.reject(new Error('empty command'));
  return new Promise((resolve, reject) => {
    let child: ChildProcess;
    try {
      // Its own process group, so a timeout kills whatever the command started too.
      child = spawn(file, args, { stdio: ['pipe', 'ignore', 'pipe'], env: { ...process.env, SVCTL_EVENT: payload }, detached: true });
    } catch (error) {
      reject(error as Error);
      return;
    }
    const killGroup = () => {
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    };
    track({ cancel: killGroup });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      if (stderr.length < 2000) stderr += chunk.toString();
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, timeoutMs);
    timer.unref();
    child.on('error', (error) => {
      clearTimeout(timer);
      track(null);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      track(null);
      if (code === 0) resolve();
      else if (timedOut) reject(new Error(`timed out after ${timeoutMs} ms`));
      else reject(new Error(`exited with ${code ?? signal}${stderr.trim() === '' ? '' : `: ${stderr.trim().slice(0, 500)}`}`));
    });
    // A command that does not read its stdin must not fail the alert.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(payload);
  });
}

export async function postWebhook(
  url: string,
  headers: Readonly<Record<string, string>>,
  payload: string,
  timeoutMs: number,
  track: (running: Running | null) => void,
): Promise<void> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  timer.unref();
  track({ cancel: () => controller.abort(new Error('daemon stopping')) });
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'svctl-alerts', ...headers },
      body: payload,
      signal: controller.signal,
    });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  } catch (error) {
    const reason: unknown = controller.signal.aborted ? controller.signal.reason : error;
    throw reason instanceof Error ? reason : new Error(String(reason));
  } finally {
    clearTimeout(timer);
    track(null);
  }
}
