// What supervising idle apps costs: the daemon's own CPU with N idle apps online, svctl sampling every process
// tree every 2 s (its default monitor_interval), pm2 7 with its own monitoring as shipped, supervisord as shipped.
// For each: start the daemon, start N idle Node apps (bench/lib/apps.mjs), wait until all are online, let
// start-up work settle (3 s), then read the CPU time of all the daemon's threads (/proc/<pid>/task/<tid>/schedstat,
// in ns) over WINDOWS consecutive windows of SECONDS each: each window is one sample (% of one core).
// Also shown: svctl's own average sampling pass, from its debug log at shutdown.
//
// Usage: node bench/monitor-cpu.mjs [seconds=10] [--windows=3] [--counts=100,500] [--only=svctl,pm2,supervisord]
import fs from 'node:fs';
import path from 'node:path';
import { cpuTimeMs, isMain, makeAppsDir, reapMarkerPids, sleep, waitAllOnline, writeAppFile } from './lib/apps.mjs';
import { eachSupervisor, runStandalone } from './lib/benchmark.mjs';
import { summarize } from './lib/measure.mjs';
import { createSupervisor } from './lib/supervisors.mjs';

/** Daemon CPU, % of one core, in each of `windows` windows of `seconds`. */
export async function daemonCpu(pid, seconds, windows) {
  const samples = [];
  for (let i = 0; i < windows; i++) {
    const t0 = performance.now();
    const cpu0 = cpuTimeMs(pid);
    await sleep(seconds * 1000);
    samples.push(((cpuTimeMs(pid) - cpu0) / (performance.now() - t0)) * 100);
  }
  return samples;
}

async function measure(kind, count, seconds, windows) {
  const supervisor = createSupervisor(kind, { timeoutMs: 180_000 });
  if (kind === 'svctl') Object.assign(supervisor.env, { SVCTL_MONITOR_INTERVAL: '2s', SVCTL_LOG_LEVEL: 'debug' });
  const apps = makeAppsDir();
  const { file, marker } = writeAppFile(apps.dir, { count });
  try {
    const pid = await supervisor.startDaemon();
    await supervisor.start(file);
    await waitAllOnline(supervisor, count, { intervalMs: 250 });
    await sleep(3000); // start-up work (spawns, first samples) is not what this measures
    const samples = await daemonCpu(pid, seconds, windows);
    let tickMs = null;
    if (kind === 'svctl') {
      // The monitor logs its average pass cost when it stops (at log_level debug).
      await supervisor.cli('daemon', 'stop').catch(() => {});
      supervisor.env.SVCTL_AUTOSTART = 'false'; // cleanup must not start a fresh daemon
      const line = fs
        .readFileSync(path.join(supervisor.home, 'daemon.log'), 'utf8')
        .split('\n')
        .find((text) => text.includes('"monitor stopped"'));
      tickMs = line === undefined ? null : JSON.parse(line).avg_tick_cpu_ms;
    }
    return { samples, tickMs };
  } finally {
    await supervisor.cleanup().catch((error) => console.error(`${kind} cleanup: ${error.message}`));
    const reaped = reapMarkerPids(marker);
    if (reaped > 0) console.error(`${kind}: killed ${reaped} app processes left behind`);
    apps.dispose();
  }
}

export const benchmark = {
  id: 'cpu',
  title: 'Daemon CPU with 100 idle apps',
  what:
    'The daemon\'s own CPU (all its threads, from /proc schedstat) with 100 idle Node apps online, after 3 s of ' +
    'settling, in consecutive windows (each window one sample), as a % of one core. svctl samples every process ' +
    'tree every 2 s (its default `monitor_interval`); pm2 and supervisord run as shipped (pm2 samples its apps\' ' +
    'main pids; supervisord does not sample).',
  async run({ kinds, quick, seconds = quick ? 4 : 6, windows = quick ? 2 : 3, counts = [100] }) {
    const rows = [];
    const lines = [];
    for (const count of counts) {
      const results = await eachSupervisor(kinds, (kind) => measure(kind, count, seconds, windows));
      rows.push({
        metric: `daemon CPU, ${count} idle apps (${seconds} s windows)`,
        unit: '%',
        better: 'lower',
        values: Object.fromEntries(Object.entries(results).map(([kind, result]) => [kind, summarize(result.samples)])),
      });
      if (results.svctl?.tickMs != null) lines.push(`svctl's sampling pass with ${count} apps: ${results.svctl.tickMs.toFixed(2)} ms of CPU on average (its own measure).`);
    }
    return { rows, lines };
  },
};

if (isMain(import.meta.url)) {
  const argv = process.argv.slice(2);
  const flag = (name) => argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  await runStandalone(benchmark, {
    only: flag('only') ?? null,
    seconds: Number(argv.find((arg) => /^\d+$/.test(arg)) ?? 10),
    windows: Number(flag('windows') ?? 3),
    counts: (flag('counts') ?? '100').split(',').map(Number),
  });
}
