// Start-up of many apps, svctl vs pm2 7 in the same run, plus the daemons' own memory.
//
// For each supervisor (fresh SVCTL_HOME / PM2_HOME, fresh daemon):
//   1. start the daemon, read its RSS once settled (0 apps), and in the last run again after 10 s idle;
//   2. generate one app file with N tiny idle Node apps and time from just before `start FILE`
//      until `list --json` / `jlist` shows all N online with a pid (polled every 20 ms after the
//      start command returns; each poll is a whole CLI run, so CLI speed is part of the figure,
//      as it is for a user or a deploy script);
//   3. read the daemon's RSS again once settled (N apps online), and in the last run again after 10 s idle
//      (after the CPU windows, which are idle time too): V8 gives back what a burst left ~8 s after it;
//   4. clean up: delete all + daemon stop / pm2 kill, temp dirs removed, stray app pids killed.
// Also shown (no target): when the start command returned, when all N app processes had actually
// run their first line (each appends its pid to a marker file), independent of the CLI, and the
// floor: the same N apps spawned directly by this script (no supervisor), measured the same way.
// RSS is VmRSS of the daemon process only (/proc/<pid>/status), not of its apps.
//
// Usage: node bench/supervise-startup.mjs [apps=100] [--only=svctl,pm2,supervisord]
import { spawn } from 'node:child_process';
import {
  idleRssKb,
  isMain,
  makeAppsDir,
  killQuietly,
  mb,
  ms,
  nowMs,
  parseArgs,
  readMarkerPids,
  readRssBreakdownKb,
  reapMarkerPids,
  settledRssKb,
  waitAllOnline,
  waitFor,
  writeAppFile,
} from './lib/apps.mjs';
import { eachSupervisor, runStandalone, valuesOf } from './lib/benchmark.mjs';
import { summarize } from './lib/measure.mjs';
import { createSupervisor } from './lib/supervisors.mjs';
import { benchmark as cpuBenchmark, daemonCpu } from './monitor-cpu.mjs';

const options = parseArgs(isMain(import.meta.url) ? process.argv.slice(2) : [], { apps: 100 });
const count = options.apps;

async function measureOnce(create, { cpu = null, idleReadings = false } = {}) {
  const supervisor = create();
  const apps = makeAppsDir();
  const dir = apps.dir;
  const { file, marker } = writeAppFile(dir, { count });
  let markerPoll;
  try {
    const daemonPid = await supervisor.startDaemon();
    const startedAt = nowMs();
    const idle = await settledRssKb(daemonPid);
    idle.anon = readRssBreakdownKb(daemonPid)?.anon ?? null;
    const idleLater = idleReadings ? await idleRssKb(daemonPid, startedAt) : null;

    let allRunningMs = null;
    const t0 = nowMs();
    markerPoll = setInterval(() => {
      if (allRunningMs === null && new Set(readMarkerPids(marker)).size >= count) allRunningMs = nowMs() - t0;
    }, 5);
    await supervisor.start(file);
    const startReturnedMs = nowMs() - t0;
    const rows = await waitAllOnline(supervisor, count, { intervalMs: 20 });
    const onlineMs = nowMs() - t0;

    const loaded = await settledRssKb(daemonPid);
    const online = rows.filter((row) => row.status === 'online').length;
    // The CPU measure (./monitor-cpu.mjs) shares this daemon with its apps online, instead of starting its own.
    const cpuSamples = cpu === null ? null : await daemonCpu(daemonPid, cpu.seconds, cpu.windows);
    const loadedLater = idleReadings ? await idleRssKb(daemonPid, t0 + onlineMs) : null;
    return { onlineMs, startReturnedMs, allRunningMs, idle, loaded, idleLater, loadedLater, online, cpuSamples };
  } finally {
    clearInterval(markerPoll);
    await supervisor.cleanup().catch((error) => console.error(`${supervisor.name} cleanup: ${error.message}`));
    const reaped = reapMarkerPids(marker);
    if (reaped > 0) console.error(`${supervisor.name}: killed ${reaped} app processes left behind after cleanup`);
    apps.dispose();
  }
}

/**
 * The floor no supervisor can beat on this machine: spawn the same N apps straight from this
 * script and time until all have run their first line. On a small box this is mostly N Node boots
 * competing for the CPUs.
 */
async function floorOnce() {
  const apps = makeAppsDir();
  const { script, marker } = writeAppFile(apps.dir, { count });
  const dir = apps.dir;
  const children = [];
  try {
    const t0 = nowMs();
    for (let i = 0; i < count; i++) {
      children.push(spawn(process.execPath, [script], { cwd: dir, env: { ...process.env, BENCH_MARKER: marker }, stdio: 'ignore' }));
    }
    await Promise.all(children.map((child) => new Promise((resolve, reject) => child.once('spawn', resolve).once('error', reject))));
    const spawnedMs = nowMs() - t0;
    await waitFor(() => new Set(readMarkerPids(marker)).size >= count, { timeoutMs: 120_000, intervalMs: 5, what: 'direct spawns' });
    const elapsed = nowMs() - t0;
    // A bare idle Node process: the RSS floor for any daemon written in Node.
    const bare = await settledRssKb(children[0].pid);
    return { elapsed, spawnedMs, bareKb: bare.kb, bareAnonKb: readRssBreakdownKb(children[0].pid)?.anon ?? null };
  } finally {
    for (const child of children) killQuietly(child.pid);
    apps.dispose();
  }
}

export const benchmark = {
  id: 'startup',
  title: '100 apps online from one file, and the daemon\'s RSS at 0 and 100 apps',
  what:
    'One app file with 100 tiny idle Node apps (fork mode). Time from just before `start FILE` (supervisord: the ' +
    'program sections written, then `supervisorctl update`) until the CLI lists all 100 online with a pid, polled ' +
    'every 20 ms, and until every app process ran its first line (each appends its pid to a file). Floors: the ' +
    'same 100 processes spawned directly by the bench, until all are spawned and until all ran. RSS is the daemon ' +
    'process only (VmRSS, settled), before and after; "idle 10 s": in the last run, read again once the daemon has ' +
    'been idle 10 s (since it started, since all were online): a Node daemon keeps what a burst left until V8\'s ' +
    'memory reducer runs, ~8 s after its last full GC. Floor: a bare idle `node`.',
  /** With `cpu` ({ seconds, windows }), also measures the daemon CPU once its apps are online: the `cpu` measure. */
  async run({ kinds, quick, runs = quick ? 1 : 2, cpu = null }) {
    const floors = [];
    const results = Object.fromEntries(kinds.map((kind) => [kind, []]));
    // Interleaved: each run measures the floor and then every supervisor, so load changes touch all alike.
    for (let i = 0; i < runs; i++) {
      floors.push(await floorOnce());
      const once = await eachSupervisor(kinds, (kind) => measureOnce(() => createSupervisor(kind), { cpu: i === runs - 1 ? cpu : null, idleReadings: i === runs - 1 }));
      for (const [kind, result] of Object.entries(once)) {
        console.error(`startup ${kind} run ${i + 1}: online ${ms(result.onlineMs)}, all ran ${ms(result.allRunningMs)}, rss idle ${mb(result.idle.kb)}, rss ${count} apps ${mb(result.loaded.kb)}${result.idleLater ? `, after 10 s idle ${mb(result.idleLater.kb)} and ${mb(result.loadedLater.kb)}` : ''}`);
        results[kind].push(result);
      }
    }
    for (const kind of kinds) if (results[kind].length === 0) delete results[kind];
    const bareMb = summarize(floors.map((floor) => floor.bareKb / 1024));
    const measured = {
      rows: [
        { metric: `all ${count} online in the list, from start`, unit: 'ms', better: 'lower', floor: summarize(floors.map((floor) => floor.spawnedMs)), floorLabel: 'all spawned', values: valuesOf(results, (r) => r.onlineMs) },
        { metric: `all ${count} apps ran their first line`, unit: 'ms', better: 'lower', floor: summarize(floors.map((floor) => floor.elapsed)), floorLabel: 'direct spawns', values: valuesOf(results, (r) => r.allRunningMs) },
        { metric: 'daemon RSS, 0 apps', unit: 'MB', better: 'lower', floor: bareMb, floorLabel: 'bare node', values: valuesOf(results, (r) => r.idle.kb / 1024) },
        { metric: `daemon RSS, ${count} apps online`, unit: 'MB', better: 'lower', floor: bareMb, floorLabel: 'bare node', values: valuesOf(results, (r) => r.loaded.kb / 1024) },
        { metric: 'daemon RSS, 0 apps, idle 10 s', unit: 'MB', better: 'lower', floor: bareMb, floorLabel: 'bare node', values: valuesOf(results, (r) => r.idleLater && r.idleLater.kb / 1024) },
        { metric: `daemon RSS, ${count} apps online, idle 10 s`, unit: 'MB', better: 'lower', floor: bareMb, floorLabel: 'bare node', values: valuesOf(results, (r) => r.loadedLater && r.loadedLater.kb / 1024) },
      ],
    };
    if (cpu !== null) {
      const values = Object.fromEntries(Object.entries(results).map(([kind, done]) => [kind, summarize(done.at(-1)?.cpuSamples ?? [])]));
      measured.also = [{ ...cpuBenchmark, what: `${cpuBenchmark.what} Here in the daemons of the start-up measure's last run, once their RSS had settled.`, rows: [{ metric: `daemon CPU, ${count} idle apps (${cpu.seconds} s windows)`, unit: '%', better: 'lower', values }] }];
    }
    return measured;
  },
};

if (isMain(import.meta.url)) await runStandalone(benchmark, options);
