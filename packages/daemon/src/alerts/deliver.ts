// The two alert actions: run a command (argv, no shell; the event JSON on stdin and in SVCTL_EVENT)
// and POST the event JSON to a webhook. Each attempt has a timeout; failures reject with why. A
// command runs in its own process group, so a timeout kills whatever it started too.
import { runHelper } from '../os/helper-process.js';

const STDERR_KEPT = 2000;

export interface Running {
  /** Kills the command or aborts the request (daemon shutdown). */
  cancel(): void;
}

/** Runs the command to its end; rejects with why it failed (exit code and stderr, or the timeout). */
export async function runCommand(argv: readonly string[], payload: string, timeoutMs: number, track: (running: Running | null) => void): Promise<void> {
  try {
    const result = await runHelper({
      command: argv,
      env: { ...process.env, SVCTL_EVENT: payload },
      input: payload,
      timeoutMs,
      collect: { stderr: true },
      outputLimit: STDERR_KEPT,
      onStart: (cancel) => track({ cancel }),
    });
    if (result.killed === 'timeout') throw new Error(`timed out after ${timeoutMs} ms`);
    if (result.code === 0) return;
    const stderr = result.stderr.trim().slice(-500);
    throw new Error(`exited with ${result.code ?? result.signal}${stderr === '' ? '' : `: ${stderr}`}`);
  } finally {
    track(null);
  }
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
