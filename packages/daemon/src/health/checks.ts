// One attempt of a probe: http_get, tcp_socket or exec. Each resolves (never rejects) with ok and a short result.
import net from 'node:net';
import type { ProbeSpec } from '@svctl/protocol';
import { runHelper } from '../os/helper-process.js';

export interface CheckResult {
  ok: boolean;
  /** `HTTP 200`, `connected`, `exit code 1`, `timed out after 1000ms`, `ECONNREFUSED`... */
  result: string;
}

export interface ExecContext {
  cwd: string;
  env: Readonly<Record<string, string>>;
}

/** What the probe checks, for humans: `http_get http://127.0.0.1:3000/health`. */
export function describeProbe(probe: ProbeSpec): string {
  if (probe.http_get !== undefined) return `http_get ${probe.http_get.url}`;
  if (probe.tcp_socket !== undefined) return `tcp_socket ${probe.tcp_socket.host}:${probe.tcp_socket.port}`;
  return `exec ${probe.exec?.command ?? ''}`;
}

export function runCheck(probe: ProbeSpec, context: ExecContext): Promise<CheckResult> {
  if (probe.http_get !== undefined) return httpGet(probe.http_get, probe.timeout);
  if (probe.tcp_socket !== undefined) return tcpConnect(probe.tcp_socket.host, probe.tcp_socket.port, probe.timeout);
  return execCommand(probe.exec?.command ?? 'false', context, probe.timeout);
}

type HttpGet = NonNullable<ProbeSpec['http_get']>;

// Success is the expected status_code, or (without one) any 2xx/3xx, like Kubernetes; redirects are not followed.
async function httpGet(check: HttpGet, timeoutMs: number): Promise<CheckResult> {
  try {
    const response = await fetch(check.url, { headers: check.headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    const ok = check.status_code === null ? response.status >= 200 && response.status < 400 : response.status === check.status_code;
    return { ok, result: `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, result: describeError(error, timeoutMs) };
  }
}

function tcpConnect(host: string, port: number, timeoutMs: number): Promise<CheckResult> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const finish = (result: CheckResult) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => finish({ ok: false, result: `timed out after ${timeoutMs}ms` }));
    socket.once('connect', () => finish({ ok: true, result: 'connected' }));
    socket.once('error', (error) => finish({ ok: false, result: describeError(error, timeoutMs) }));
  });
}

// Runs in its own process group so a timeout kills whatever the command started.
async function execCommand(command: string, context: ExecContext, timeoutMs: number): Promise<CheckResult> {
  try {
    const { code, signal, killed } = await runHelper({ command: ['/bin/sh', '-c', command], cwd: context.cwd, env: { ...context.env }, timeoutMs });
    if (killed === 'timeout') return { ok: false, result: `timed out after ${timeoutMs}ms` };
    return { ok: code === 0, result: signal === null ? `exit code ${code ?? 'unknown'}` : `killed by ${signal}` };
  } catch (error) {
    return { ok: false, result: (error as Error).message };
  }
}

function describeError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `timed out after ${timeoutMs}ms`;
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string') return code;
  return cause instanceof Error ? cause.message : String(cause);
}
