import { DaemonPing, DaemonReloadTls, DaemonStop, SvctlError, type SvctlClient } from '@svctl/protocol';
import { defineCommand } from '../command.js';
import type { CommandContext } from '../context.js';
import { isAlive, readDaemonPid, startDaemonProcess, waitForExit } from '../daemon-launcher.js';
import { EXIT_OK, exitCodeFor } from '../exit-codes.js';
import { refuseRemote } from '../local-only.js';
import { formatDuration } from '../render/duration.js';
import { restartDaemonWithApps } from '../upgrade/restart-daemon.js';

type Action = 'start' | 'stop' | 'status' | 'restart' | 'reload-tls';

export const daemonCommand = defineCommand<{ action: Action }>({
  command: 'daemon <action>',
  describe: 'Start, stop, restart (keeping the apps) the background daemon, show its status, or reload the gateway certificate',
  example: ['svctl daemon status', 'is the daemon running, and since when'],
  builder: (yargs) =>
    yargs.positional('action', { choices: ['start', 'stop', 'status', 'restart', 'reload-tls'] as const, describe: 'what to do', demandOption: true }),
  run: async (args, context) => {
    switch (args.action) {
      case 'start':
        return startDaemon(context);
      case 'stop':
        return stopDaemon(context);
      case 'status':
        return daemonStatus(context);
      case 'restart':
        // Saves, stops, starts the new daemon and resurrects: the apps come back (src/upgrade/restart-daemon.ts).
        return restartDaemonWithApps(context, 'restart');
      case 'reload-tls':
        return reloadTls(context);
    }
  },
});

async function reloadTls(context: CommandContext): Promise<number> {
  const client = await context.existingClient();
  const result = await client.call(DaemonReloadTls, {});
  client.close();
  if (context.json) context.printJson(result);
  else context.print(result.reloaded ? 'gateway certificate reloaded' : 'nothing to reload: the gateway is off or serves plain HTTP');
  return EXIT_OK;
}

async function startDaemon(context: CommandContext): Promise<number> {
  refuseRemote(context, 'daemon start');
  const outcome = await startDaemonProcess(context.target);
  const pid = outcome.kind === 'started' ? outcome.pid : readDaemonPid(context.target.home);
  if (context.json) context.printJson({ started: outcome.kind === 'started', pid: pid ?? null, home: context.target.home });
  else context.print(outcome.kind === 'started' ? `daemon started (pid ${pid})` : `daemon already running (pid ${pid ?? 'unknown'})`);
  return EXIT_OK;
}

/** `svctl daemon stop` (and `svctl kill`): stops the daemon, which stops every app first. */
export async function stopDaemon(context: CommandContext): Promise<number> {
  const stopping = await requestStop(context);
  if (stopping === undefined) {
    if (context.json) context.printJson({ stopped: false, running: false });
    else context.print('no daemon running');
    return EXIT_OK;
  }
  const { pid } = stopping;
  if (!(await stopping.gone())) {
    const where = context.remote === undefined ? '' : ` on the host of ${context.remote}`;
    throw new SvctlError('TIMEOUT', `the daemon (pid ${pid}${where}) did not stop within ${context.target.timeoutMs} ms`, { hint: `kill -9 ${pid}${where} as a last resort` });
  }
  if (context.json) context.printJson({ stopped: true, pid });
  else context.print(`daemon stopped (pid ${pid})`);
  return EXIT_OK;
}

/**
 * Asks the daemon to stop; a local daemon of another protocol major gets SIGTERM through its pid file.
 * `gone` waits for the end: a local daemon's pid, or a remote daemon's connection (the pid is another host's).
 */
async function requestStop(context: CommandContext): Promise<{ pid: number; gone: () => Promise<boolean> } | undefined> {
  const { timeoutMs } = context.target;
  try {
    const client = await context.existingClient();
    const { pid } = await client.call(DaemonStop, {});
    if (context.remote !== undefined) return { pid, gone: () => connectionEnds(client, timeoutMs) };
    client.close();
    return { pid, gone: () => waitForExit(pid, timeoutMs) };
  } catch (error) {
    if (!(error instanceof SvctlError)) throw error;
    if (error.code === 'DAEMON_UNREACHABLE') return undefined;
    if (error.code !== 'PROTOCOL_MISMATCH' || context.remote !== undefined) throw error;
    const pid = readDaemonPid(context.target.home);
    if (pid === undefined || !isAlive(pid)) return undefined;
    process.kill(pid, 'SIGTERM');
    return { pid, gone: () => waitForExit(pid, timeoutMs) };
  }
}

/** A stopping daemon closes its gateway's connections last, once every app has stopped and its logs are written. */
async function connectionEnds(client: SvctlClient, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await client.call(DaemonPing, {});
    } catch (error) {
      if (error instanceof SvctlError && error.code === 'CONNECTION_CLOSED') return true;
    }
    await new Promise((resolve) => setTimeout(resolve, REMOTE_STOP_POLL_MS));
  }
  client.close();
  return false;
}

const REMOTE_STOP_POLL_MS = 200;

async function daemonStatus(context: CommandContext): Promise<number> {
  try {
    const client = await context.existingClient();
    const info = await client.call(DaemonPing, {});
    if (context.json) context.printJson({ running: true, ...info });
    else context.print(`daemon running: pid ${info.pid}, up ${formatDuration(info.uptime_ms)}, version ${info.daemon_version}, home ${info.home}`);
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof SvctlError) || error.code !== 'DAEMON_UNREACHABLE') throw error;
    if (context.json) context.printJson({ running: false, home: context.target.home });
    else context.print(`daemon not running (home ${context.target.home})`);
    return exitCodeFor(error.code);
  }
}

