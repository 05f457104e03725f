// What the transport-bounds tests share: many raw clients of one daemon, what each gets back, the daemon's
// cut-off log lines, its RSS peak, and a ping that must answer within a second meanwhile.
import assert from 'node:assert/strict';
import type net from 'node:net';
import type { TestContext } from 'node:test';
import { writeAppFile } from '../helpers/apps.js';
import { runCli, runCliJson } from '../helpers/cli.js';
import type { TestDaemon } from '../helpers/daemon.js';
import { currentRssKb, daemonLogEvents } from '../helpers/log-files.js';
import { rawConnect } from '../helpers/raw-socket.js';

export const RSS_LIMIT_KB = 200 * 1024;

/** Samples the daemon's RSS every 100 ms until stopped; returns the peak in kB. */
export function watchPeakRss(t: TestContext, pid: number): () => number {
  let peak = currentRssKb(pid);
  const timer = setInterval(() => (peak = Math.max(peak, currentRssKb(pid))), 100);
  t.after(() => clearInterval(timer));
  return () => {
    clearInterval(timer);
    return Math.max(peak, currentRssKb(pid));
  };
}

/** `svctl ping` with the CLI's request timeout at one second. */
export async function assertPingWithinASecond(home: string): Promise<void> {
  const { result, json } = await runCliJson<{ pid: number }>(['ping', '--no-autostart'], { home, env: { SVCTL_TIMEOUT: '1000' } });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(typeof json.pid, 'number');
}

export function cutOffCount(home: string, code: string): number {
  return daemonLogEvents(home).filter((line) => line.code === code && String(line.msg).startsWith('client cut off')).length;
}

export async function connectMany(t: TestContext, home: string, count: number): Promise<net.Socket[]> {
  const sockets: net.Socket[] = [];
  t.after(() => sockets.forEach((socket) => socket.destroy()));
  for (let i = 0; i < count; i++) {
    const socket = await rawConnect(home);
    socket.on('error', () => undefined);
    sockets.push(socket);
  }
  return sockets;
}

/** Reads what the daemon sends from now on: the frames so far, and whether it closed the connection. */
export function collect(socket: net.Socket): { frames(): Array<Record<string, unknown>>; closed: Promise<void> } {
  let text = '';
  socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.resume();
  return {
    // Whole lines only: a client cut off while a frame was on its way gets that frame's start, never its end.
    frames: () =>
      text
        .slice(0, text.lastIndexOf('\n') + 1)
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    closed,
  };
}

/** Everything each (cut-off) client still gets once it reads, until the daemon has closed every one of them. */
export function collectUntilClosed(sockets: net.Socket[]): Promise<Array<Array<Record<string, unknown>>>> {
  return Promise.all(
    sockets.map(async (socket) => {
      const reply = collect(socket);
      await reply.closed;
      return reply.frames();
    }),
  );
}

export function isSlowConsumerError(frame: Record<string, unknown>): boolean {
  return frame.id === null && errorName(frame) === 'SLOW_CONSUMER';
}

export function errorName(frame: Record<string, unknown>): string | undefined {
  return (frame.error as { data?: { name?: string } } | undefined)?.data?.name;
}

export async function startFleet(t: TestContext, daemon: TestDaemon, app: Record<string, unknown>): Promise<void> {
  const file = writeAppFile(t, app);
  const started = await runCli(['start', file], { home: daemon.home });
  assert.equal(started.code, 0, started.stderr);
}
