// Start-up of many apps, svctl vs pm2 7 in the same run, plus the daemons' own memory.
//
// For each supervisor (fresh SVCTL_HOME / PM2_HOME, fresh daemon):
//   1. start the daemon, read its RSS once settled (idle, 0 apps);
//   2. generate one app file with N tiny idle Node apps and time from just before `start FILE`
//      until `list --json` / `jlist` shows all N online with a pid (polled every 20 ms after the
//      start command returns; each poll is a whole CLI run, so CLI speed is part of the figure,
//      as it is for a user or a deploy script);
//   3. read the daemon's RSS again once settled (N apps online);
//   4. clean up: delete all + daemon stop / pm2 kill, temp dirs removed, stray app pids killed.
// Also shown (no target): when the start command returned, when all N app processes had actually
// run their first line (each appends its pid to a marker file), independent of the CLI, and the
// floor: the same N apps spawned directly by this script (no supervisor), measured the same way.
// RSS is VmRSS of the daemon process only (/proc/<pid>/status), not of its apps.
//
// Usage: node bench/supervise-startup.mjs [apps=100] [runs=1] [--only=svctl|pm2]
// Exit status: 0 when both halves ran (targets met or not), 1 when a half could not run.
import { spawn } from 'node:child_process';
import os from 'node:os';
import {
  createSvctl,
  makeAppsDir,
  killQuietly,
  mb,
  ms,
  nowMs,
  parseArgs,
  printTable,
  readMarkerPids,
  readRssBreakdownKb,
  reapMarkerPids,
  settledRssKb,
  verdict,
  waitAllOnline,
  waitFor,
  writeAppFile,
} from './lib/apps.mjs';
import { median } from './lib/measure.mjs';
import { createPm2, ensurePm2, pm2Version } from './lib/pm2.mjs';

const options = parseArgs(process.argv.slice(2), { apps: 100, runs: 1 });
const count = options.apps;

async function measureOnce(create) {
  const supervisor = create();
  const apps = makeAppsDir();
  const dir = apps.dir;
  const { file, marker } = writeAppFile(dir, { count });
  let markerPoll;
  try {
    const daemonPid = await supervisor.startDaemon();
    const idle = await settledRssKb(daemonPid);
    idle.anon = readRssBreakdownKb(daemonPid)?.anon ?? null;

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
    return { onlineMs, startReturnedMs, allRunningMs, idle, loaded, online };
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
    await waitFor(() => new Set(readMarkerPids(marker)).size >= count, { timeoutMs: 120_000, intervalMs: 5, what: 'direct spawns' });
    const elapsed = nowMs() - t0;
    // A bare idle Node process: the RSS floor for any daemon written in Node.
    const bare = await settledRssKb(children[0].pid);
    return { elapsed, bareKb: bare.kb, bareAnonKb: readRssBreakdownKb(children[0].pid)?.anon ?? null };
  } finally {
    for (const child of children) killQuietly(child.pid);
    apps.dispose();
  }
}

async function measure(name, create) {
  const runs = [];
  for (let i = 0; i < options.runs; i++) {
    const result = await measureOnce(create);
    console.error(
      `${name} run ${i + 1}: online ${ms(result.onlineMs)}, start returned ${ms(result.startReturnedMs)}, ` +
        `all running ${ms(result.allRunningMs)}, rss idle ${mb(result.idle.kb)}${result.idle.settled ? '' : ' (unsettled)'}, ` +
        `rss ${count} apps ${mb(result.loaded.kb)}${result.loaded.settled ? '' : ' (unsettled)'}`,
    );
    runs.push(result);
  }
  const pick = (key) => {
    const values = runs.map(key).filter((value) => value !== null);
    return values.length === 0 ? null : median(values);
  };
  return {
    onlineMs: pick((r) => r.onlineMs),
    startReturnedMs: pick((r) => r.startReturnedMs),
    allRunningMs: pick((r) => r.allRunningMs),
    idleKb: pick((r) => r.idle.kb),
    idleAnonKb: pick((r) => r.idle.anon),
    loadedKb: pick((r) => r.loaded.kb),
  };
}

const results = { svctl: null, pm2: null };
const errors = {};
const order = [
  ['svctl', () => createSvctl()],
  ['pm2', () => createPm2()],
].filter(([name]) => options.only === null || options.only === name);

if (order.some(([name]) => name === 'pm2')) ensurePm2(); // install outside any timing
let floor = {};
try {
  floor = await floorOnce();
  console.error(`floor: ${count} direct spawns ran in ${ms(floor.elapsed)}; bare idle node RSS ${mb(floor.bareKb)} (anon ${mb(floor.bareAnonKb)})`);
} catch (error) {
  console.error(`floor: ${error.message}`);
}
for (const [name, create] of order) {
  try {
    results[name] = await measure(name, create);
  } catch (error) {
    errors[name] = error;
    console.error(`${name}: could not complete: ${error.message}`);
  }
}

const s = results.svctl ?? {};
const p = results.pm2 ?? {};
const both = (a, b) => a != null && b != null;
console.log(
  `\n${count} idle Node apps from one app file; ${options.runs} run(s), median; node ${process.version}; ` +
    `pm2 ${order.some(([n]) => n === 'pm2') ? pm2Version() : '-'}; ${os.cpus().length} cpus, load ${os.loadavg()[0].toFixed(2)}`,
);
printTable('supervise-startup', [
  {
    metric: `all ${count} online in list (from start)`,
    svctl: ms(s.onlineMs),
    pm2: ms(p.onlineMs),
    target: 'svctl <= 0.5 x pm2',
    verdict: verdict(both(s.onlineMs, p.onlineMs) ? s.onlineMs <= 0.5 * p.onlineMs : null),
  },
  { metric: '  start command returned', svctl: ms(s.startReturnedMs), pm2: ms(p.startReturnedMs), target: '-', verdict: '' },
  { metric: `  all ${count} processes ran (app marker)`, svctl: ms(s.allRunningMs), pm2: ms(p.allRunningMs), target: '-', verdict: '' },
  { metric: `  floor: ${count} direct spawns ran`, svctl: ms(floor.elapsed), pm2: ms(floor.elapsed), target: '-', verdict: '' },
  {
    metric: 'daemon RSS, idle (0 apps)',
    svctl: mb(s.idleKb),
    pm2: mb(p.idleKb),
    target: 'svctl <= 45 MB',
    verdict: verdict(s.idleKb == null ? null : s.idleKb <= 45 * 1024),
  },
  { metric: '  of which anonymous (RssAnon)', svctl: mb(s.idleAnonKb), pm2: mb(p.idleAnonKb), target: '-', verdict: '' },
  { metric: '  floor: bare idle node process', svctl: mb(floor.bareKb), pm2: mb(floor.bareKb), target: '-', verdict: '' },
  {
    metric: `daemon RSS, ${count} apps online`,
    svctl: mb(s.loadedKb),
    pm2: mb(p.loadedKb),
    target: 'svctl <= 55 MB',
    verdict: verdict(s.loadedKb == null ? null : s.loadedKb <= 55 * 1024),
  },
]);
for (const [name, error] of Object.entries(errors)) console.log(`${name}: not measured: ${error.message.split('\n')[0]}`);
process.exitCode = Object.keys(errors).length > 0 ? 1 : 0;
