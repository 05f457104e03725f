// `svctl daemon restart` and `svctl update`: save, stop the old daemon, start the new one, resurrect.
// Apps are down from the old daemon's stop of them to the new daemon's start of them: their own stop
// time plus a daemon start, not a reboot's worth. The old daemon stops cleanly (its journal is removed),
// so the new one starts empty and the resurrect below is what brings the apps back.
import fs from 'node:fs';
import { DaemonPing, DaemonStop, dumpPath, StateResurrect, StateSave, SvctlError, SVCTL_VERSION, type AppOutcome, type SvctlClient } from '@svctl/protocol';
import type { CommandContext } from '../context.js';
import { connectWithin, isAlive, readDaemonPid, startDaemonProcess, waitForExit } from '../daemon-launcher.js';
import { EXIT_FAILED, EXIT_OK } from '../exit-codes.js';
import { refuseRemote } from '../local-only.js';
import { renderOutcome } from '../render/outcomes.js';

export interface RestartReport {
  old_pid: number | null;
  old_version: string | null;
  new_pid: number;
  new_version: string;
  saved: number | null;
  restored: AppOutcome[];
  warnings: string[];
  timings_ms: { save: number; stop: number; start: number; resurrect: number; total: number };
}

type OldDaemon = { kind: 'none' } | { kind: 'speaks'; client: SvctlClient } | { kind: 'mismatch'; pid: number | undefined };

export async function restartDaemonWithApps(context: CommandContext, verb: 'restart' | 'update'): Promise<number> {
  refuseRemote(context, verb === 'restart' ? 'daemon restart' : 'update');
  const began = performance.now();
  const clock = stopwatch();
  const warnings: string[] = [];
  const old = await reachOldDaemon(context);
  if (old.kind === 'none' && verb === 'update') {
    if (context.json) context.printJson({ updated: false, running: false });
    else context.print(`no daemon is running for ${context.target.home}; the next svctl command starts the new version`);
    return EXIT_OK;
  }
  let oldPid: number | null = null;
  let oldVersion: string | null = null;
  let saved: number | null = null;
  let resurrect = false;
  const timings = { save: 0, stop: 0, start: 0, resurrect: 0, total: 0 };
  if (old.kind === 'speaks') {
    const ping = await old.client.call(DaemonPing, {});
    oldPid = ping.pid;
    oldVersion = ping.daemon_version;
    // With no app registered the dump is left alone (never overwritten with an empty list) and nothing is resurrected.
    saved = await saveUnlessEmpty(old.client);
    resurrect = saved !== null;
    timings.save = clock();
    await old.client.call(DaemonStop, {});
    old.client.close();
    await waitForStop(context, ping.pid);
    timings.stop = clock();
  } else if (old.kind === 'mismatch') {
    // A daemon of another protocol major cannot be asked to save: stop it and restore the last dump.
    oldPid = old.pid ?? null;
    if (old.pid !== undefined && isAlive(old.pid)) {
      process.kill(old.pid, 'SIGTERM');
      await waitForStop(context, old.pid);
    }
    timings.stop = clock();
    resurrect = fs.existsSync(dumpPath(context.target.home));
    warnings.push(
      `the old daemon speaks another protocol version, so its apps could not be saved; ${resurrect ? `restoring the last dump (${dumpPath(context.target.home)})` : 'there is no dump to restore'}`,
    );
  }
  await startDaemonProcess(context.target);
  const client = await connectWithin(context.target, 5_000);
  const ping = await client.call(DaemonPing, {});
  timings.start = clock();
  let restored: AppOutcome[] = [];
  if (resurrect) {
    const result = await client.call(StateResurrect, {});
    restored = result.apps;
    warnings.push(...result.warnings);
  }
  client.close();
  timings.resurrect = clock();
  timings.total = Math.round(performance.now() - began);
  const report: RestartReport = {
    old_pid: oldPid,
    old_version: oldVersion,
    new_pid: ping.pid,
    new_version: ping.daemon_version,
    saved,
    restored,
    warnings,
    timings_ms: timings,
  };
  printReport(context, verb, report);
  return restored.some((outcome) => outcome.failed === true) ? EXIT_FAILED : EXIT_OK;
}

async function saveUnlessEmpty(client: SvctlClient): Promise<number | null> {
  try {
    const result = await client.call(StateSave, { force: false });
    return result.running.length + result.stopped.length;
  } catch (error) {
    if (error instanceof SvctlError && error.code === 'NOTHING_TO_SAVE') return null;
    throw error;
  }
}

async function reachOldDaemon(context: CommandContext): Promise<OldDaemon> {
  try {
    return { kind: 'speaks', client: await context.existingClient() };
  } catch (error) {
    if (!(error instanceof SvctlError)) throw error;
    if (error.code === 'DAEMON_UNREACHABLE') return { kind: 'none' };
    if (error.code === 'PROTOCOL_MISMATCH') return { kind: 'mismatch', pid: readDaemonPid(context.target.home) };
    throw error;
  }
}

async function waitForStop(context: CommandContext, pid: number): Promise<void> {
  if (!(await waitForExit(pid, context.target.timeoutMs))) {
    throw new SvctlError('TIMEOUT', `the old daemon (pid ${pid}) did not stop within ${context.target.timeoutMs} ms; nothing was started`, {
      hint: `its apps are saved in ${dumpPath(context.target.home)}; kill -9 ${pid} as a last resort, then \`svctl resurrect\``,
    });
  }
}

function stopwatch(): () => number {
  let last = performance.now();
  return () => {
    const now = performance.now();
    const elapsed = Math.round(now - last);
    last = now;
    return elapsed;
  };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function printReport(context: CommandContext, verb: 'restart' | 'update', report: RestartReport): void {
  for (const warning of report.warnings) context.notice(`warning: ${warning}`);
  if (context.json) {
    context.printJson(report);
    return;
  }
  const t = report.timings_ms;
  const from = report.old_pid === null ? 'no daemon was running' : `pid ${report.old_pid}${report.old_version === null ? '' : ` (svctl ${report.old_version})`}`;
  if (report.saved !== null) context.print(`saved ${report.saved} app(s) to ${dumpPath(context.target.home)} in ${seconds(t.save)}`);
  if (report.old_pid !== null) context.print(`stopped the old daemon and its apps in ${seconds(t.stop)}`);
  context.print(`started the new daemon in ${seconds(t.start)}: pid ${report.new_pid} (svctl ${report.new_version}${report.new_version === SVCTL_VERSION ? '' : `, this CLI is ${SVCTL_VERSION}`})`);
  for (const outcome of report.restored) context.print(renderOutcome(outcome));
  if (report.restored.length > 0) context.print(`resurrected ${report.restored.length} app(s) in ${seconds(t.resurrect)}`);
  context.print(`daemon ${verb === 'update' ? 'updated' : 'restarted'} (${from} → pid ${report.new_pid}) in ${seconds(t.total)}`);
}
