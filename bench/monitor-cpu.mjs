// What monitoring costs: the supervisor daemon's own CPU, averaged over 30 s, with N idle apps
// under supervision, svctl sampling every process tree every 2 s (the default monitor_interval).
//
// Runs, each with a fresh home and daemon (all in the same run, on the same machine):
//   svctl, 100 apps, monitor_interval 2s       target < 1 % of one core
//   svctl, 500 apps, monitor_interval 2s       target < 5 % of one core
//   svctl, 100 and 500 apps, monitor_interval 1h (sampling practically off: the daemon's floor)
//   pm2 7, 100 apps (its own monitoring as shipped: pidusage of each main pid)
// For each: start the daemon, start N idle Node apps (bench/lib/apps.mjs), wait until all are online,
// let start-up work settle (5 s), then read the daemon's utime+stime from /proc/PID/stat at the start
// and end of a 30 s window. CPU % = ticks used / ticks elapsed, of one core. Also shown: svctl's own
// average sampling pass cost, from its debug log at shutdown.
//
// Usage: node bench/monitor-cpu.mjs [seconds=30] [--only=svctl|pm2] [--counts=100,500]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSvctl, makeAppsDir, printTable, reapMarkerPids, sleep, verdict, waitAllOnline, writeAppFile } from './lib/apps.mjs';
import { createPm2, ensurePm2, pm2Version } from './lib/pm2.mjs';

const argv = process.argv.slice(2);
const only = argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length) ?? null;
const seconds = Number(argv.find((arg) => /^\d+$/.test(arg)) ?? 30);
const counts = (argv.find((arg) => arg.startsWith('--counts='))?.slice('--counts='.length) ?? '100,500').split(',').map(Number);
const CLK_TCK = 100;

function cpuTicks(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** Daemon CPU % of one core over `windowSeconds`, from its utime+stime. */
async function daemonCpu(pid, windowSeconds) {
  const t0 = performance.now();
  const ticks0 = cpuTicks(pid);
  await sleep(windowSeconds * 1000);
  const ticks1 = cpuTicks(pid);
  const elapsed = (performance.now() - t0) / 1000;
  return ((ticks1 - ticks0) / CLK_TCK / elapsed) * 100;
}

async function measure(create, count) {
  const supervisor = create();
  const apps = makeAppsDir();
  const { file, marker } = writeAppFile(apps.dir, { count });
  try {
    const pid = await supervisor.startDaemon();
    await supervisor.start(file);
    await waitAllOnline(supervisor, count, { intervalMs: 250 });
    await sleep(5000); // start-up work (spawns, first samples) is not what this measures
    const cpu = await daemonCpu(pid, seconds);
    let tickMs = null;
    if (supervisor.name === 'svctl') {
      // The monitor logs its average pass cost when it stops (at log_level debug).
      await supervisor.cli('daemon', 'stop').catch(() => {});
      supervisor.env.SVCTL_AUTOSTART = 'false'; // cleanup must not start a fresh daemon
      const line = fs
        .readFileSync(path.join(supervisor.home, 'daemon.log'), 'utf8')
        .split('\n')
        .find((text) => text.includes('"monitor stopped"'));
      tickMs = line === undefined ? null : JSON.parse(line).avg_tick_cpu_ms;
    }
    return { cpu, tickMs };
  } finally {
    await supervisor.cleanup().catch((error) => console.error(`${supervisor.name} cleanup: ${error.message}`));
    const reaped = reapMarkerPids(marker);
    if (reaped > 0) console.error(`${supervisor.name}: killed ${reaped} app processes left behind`);
    apps.dispose();
  }
}

const pct = (value) => (value == null ? 'n/a' : `${value.toFixed(2)} %`);
const svctlWith = (interval) => () => {
  const svctl = createSvctl({ timeoutMs: 180_000 });
  Object.assign(svctl.env, { SVCTL_MONITOR_INTERVAL: interval, SVCTL_LOG_LEVEL: 'debug' });
  return svctl;
};

console.log(`monitor-cpu: ${os.cpus().length} CPUs, ${os.cpus()[0]?.model ?? '?'}, node ${process.version}, window ${seconds} s`);
const results = {};
if (only !== 'pm2') {
  for (const count of counts) {
    for (const interval of ['2s', '1h']) {
      console.error(`svctl: ${count} apps, monitor_interval ${interval}...`);
      results[`svctl-${count}-${interval}`] = await measure(svctlWith(interval), count);
    }
  }
}
if (only !== 'svctl') {
  ensurePm2();
  console.error(`pm2 ${pm2Version()}: 100 apps...`);
  results['pm2-100'] = await measure(() => createPm2(), 100);
}

const row = (metric, svctl, pm2, target, ok) => ({ metric, svctl, pm2, target, verdict: ok });
const s100 = results['svctl-100-2s'];
const s500 = results['svctl-500-2s'];
printTable(`Daemon CPU (% of one core, ${seconds} s average, idle apps)`, [
  row('100 apps, sampling every 2 s', pct(s100?.cpu), pct(results['pm2-100']?.cpu), '< 1 %', verdict(s100 ? s100.cpu < 1 : null)),
  row('500 apps, sampling every 2 s', pct(s500?.cpu), '', '< 5 %', verdict(s500 ? s500.cpu < 5 : null)),
  row('100 apps, sampling off (1 h)', pct(results['svctl-100-1h']?.cpu), '', '', ''),
  row('500 apps, sampling off (1 h)', pct(results['svctl-500-1h']?.cpu), '', '', ''),
  row('one sampling pass, 100 apps', s100?.tickMs == null ? 'n/a' : `${s100.tickMs.toFixed(2)} ms`, '', '', ''),
  row('one sampling pass, 500 apps', s500?.tickMs == null ? 'n/a' : `${s500.tickMs.toFixed(2)} ms`, '', '', ''),
]);
