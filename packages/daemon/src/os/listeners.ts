// Held listening sockets (`listen`): opened by socket-opener-main.ts (bundled as socket-opener.mjs next to
// svctld.mjs) and received here as raw handles, which the daemon keeps without accepting on them.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { HeldListener, ListenAddress, ListenOutcome } from './seam.js';

const OPEN_TIMEOUT_MS = 10_000;

interface RawHandle {
  fd: number;
  close(): void;
}

export function openListeners(addresses: readonly ListenAddress[]): Promise<ListenOutcome> {
  const entry = fileURLToPath(new URL('./socket-opener.mjs', import.meta.url));
  return new Promise((resolve) => {
    const handles: RawHandle[] = [];
    let outcome: ListenOutcome | null = null;
    const child = spawn(process.execPath, [entry], { env: { SVCTL_LISTEN: JSON.stringify(addresses) }, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (data: string) => (stderr = (stderr + data).slice(-1000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), OPEN_TIMEOUT_MS);
    child.on('message', (message: { index?: number; error?: string; done?: boolean }, handle?: RawHandle) => {
      if (handle !== undefined && message.index !== undefined) handles[message.index] = handle;
      if (message.error !== undefined) outcome = { ok: false, reason: message.error };
      if (message.done === true && handles.length === addresses.length) outcome = { ok: true, listeners: handles.map(held) };
    });
    child.on('error', (error) => (outcome ??= { ok: false, reason: `cannot open the sockets: ${error.message}` }));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (outcome === null || !outcome.ok) for (const handle of handles) handle.close();
      resolve(outcome ?? { ok: false, reason: `the socket opener ended (${signal ?? `exit ${code}`}) ${stderr.trim()}`.trim() });
    });
  });
}

function held(handle: RawHandle): HeldListener {
  return { fd: handle.fd, close: () => handle.close() };
}
