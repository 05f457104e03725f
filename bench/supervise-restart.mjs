// Restart latency after a crash, svctl vs pm2 7 in the same run.
//
// One idle Node app with restart_delay 0, min_uptime 100 ms and a high max_restarts (so it never
// goes errored). Repeatedly: wait until the current run is stable (its pid written, listed online,
// and alive well beyond min_uptime), SIGKILL it, and time
//   - respawn: kill -> a NEW child process of the daemon exists. Detected by a tight poll of
//     /proc/<daemon>/task/*/children (every 0.2 ms, blocking sleeps, no CLI involved). This is the
//     supervisor's own reaction time and the headline figure.
//   - app up:  kill -> the new process has run its first line (it appends its pid to a marker
//     file, watched with fs.watch plus a 1 ms poll). Adds Node's boot time, same for both.
//   - listed:  kill -> `list --json` / `jlist` shows the new pid online (CLI polled back to back),
//     i.e. what a script polling the CLI would see; dominated by the CLI's own run time.
// A sample is kept only when the new child the daemon spawned is (an ancestor of) the pid the app
// reports and the list agrees, so a stray daemon child cannot be mistaken for the restart.
//
// Usage: node bench/supervise-restart.mjs [kills=20] [warmup=2] [--only=svctl|pm2]
// Exit status: 0 when both halves ran (targets met or not), 1 when a half could not run.
import fs from 'node:fs';
import os from 'node:os';
import {
  childPids,
  createSvctl,
  makeAppsDir,
  isAlive,
  isAncestor,
  ms,
  nowMs,
  parseArgs,
  printTable,
  readMarkerPids,
  reapMarkerPids,
  sleep,
  sleepSync,
  verdict,
  waitFor,
  writeAppFile,
} from './lib/apps.mjs';
import { median } from './lib/measure.mjs';
import { createPm2, ensurePm2, pm2Version } from './lib/pm2.mjs';

const options = parseArgs(process.argv.slice(2), { kills: 20, warmup: 2 });
const MIN_UPTIME = 100;
const STABLE_MS = 400; // > min_uptime with a margin for a loaded machine

/** Resolves with the newest pid in the marker file once it differs from `oldPid`. */
function waitMarkerPid(marker, oldPid, timeoutMs = 30_000) {
  return new Promise((resolve, reject) => {
    const check = () => {
      const pids = readMarkerPids(marker);
      const last = pids.at(-1);
      if (last !== undefined && last !== oldPid) {
        done();
        resolve({ pid: last, at: nowMs() });
      }
    };
    const watcher = fs.watch(marker, check);
    const poll = setInterval(check, 1);
    const timer = setTimeout(() => {
      done();
      reject(new Error(`no new app pid within ${timeoutMs} ms`));
    }, timeoutMs);
    function done() {
      watcher.close();
      clearInterval(poll);
      clearTimeout(timer);
    }
    check();
  });
}

async function waitListed(supervisor, pid, timeoutMs = 30_000) {
  await waitFor(async () => (await supervisor.list()).some((row) => row.pid === pid && row.status === 'online'), {
    timeoutMs,
    intervalMs: 0,
    what: `${supervisor.name} to list pid ${pid} online`,
  });
  return nowMs();
}

async function measure(create) {
  const supervisor = create();
  const apps = makeAppsDir();
  const dir = apps.dir;
  const { file, marker } = writeAppFile(dir, {
    count: 1,
    prefix: 'crashy',
    extra: { restart_delay: 0, min_uptime: MIN_UPTIME, max_restarts: 100_000 },
  });
  const samples = { respawn: [], appUp: [], listed: [] };
  let rejected = 0;
  try {
    const daemonPid = await supervisor.startDaemon();
    await supervisor.start(file);
    let current = (await waitMarkerPid(marker, null)).pid;
    await waitListed(supervisor, current);

    for (let i = 0; i < options.warmup + options.kills; i++) {
      await sleep(STABLE_MS);
      const before = childPids(daemonPid);
      if (!before.has(current) && !isAncestor(daemonPid, current)) throw new Error(`app pid ${current} is not under daemon ${daemonPid}`);

      const t0 = nowMs();
      process.kill(current, 'SIGKILL');
      // Tight, non-spinning poll for a child that was not there before the kill.
      let respawned = null;
      const deadline = t0 + 30_000;
      while (respawned === null) {
        for (const pid of childPids(daemonPid)) {
          if (!before.has(pid)) {
            respawned = { pid, at: nowMs() };
            break;
          }
        }
        if (respawned === null) {
          if (nowMs() > deadline) throw new Error('no new daemon child within 30 s of the kill');
          sleepSync(0.2);
        }
      }
      const app = await waitMarkerPid(marker, current);
      const listedAt = await waitListed(supervisor, app.pid);

      const consistent = isAlive(app.pid) && isAncestor(respawned.pid, app.pid);
      if (i >= options.warmup) {
        if (consistent) {
          samples.respawn.push(respawned.at - t0);
          samples.appUp.push(app.at - t0);
          samples.listed.push(listedAt - t0);
        } else rejected++;
      }
      current = app.pid;
    }
    const rows = await supervisor.list();
    return {
      respawn: median(samples.respawn),
      appUp: median(samples.appUp),
      listed: median(samples.listed),
      min: Math.min(...samples.respawn),
      max: Math.max(...samples.respawn),
      n: samples.respawn.length,
      rejected,
      restarts: rows[0]?.restarts,
      status: rows[0]?.status,
    };
  } finally {
    await supervisor.cleanup().catch((error) => console.error(`${supervisor.name} cleanup: ${error.message}`));
    const reaped = reapMarkerPids(marker);
    if (reaped > 0) console.error(`${supervisor.name}: killed ${reaped} app processes left behind after cleanup`);
    apps.dispose();
  }
}

const results = { svctl: null, pm2: null };
const errors = {};
const order = [
  ['svctl', () => createSvctl()],
  ['pm2', () => createPm2()],
].filter(([name]) => options.only === null || options.only === name);

if (order.some(([name]) => name === 'pm2')) ensurePm2(); // install outside any timing
for (const [name, create] of order) {
  try {
    const result = await measure(create);
    results[name] = result;
    console.error(
      `${name}: respawn median ${ms(result.respawn)} (min ${ms(result.min)}, max ${ms(result.max)}, n=${result.n}, ` +
        `rejected ${result.rejected}); app up ${ms(result.appUp)}; listed ${ms(result.listed)}; ` +
        `final status ${result.status}, restarts ${result.restarts}`,
    );
  } catch (error) {
    errors[name] = error;
    console.error(`${name}: could not complete: ${error.message}`);
  }
}

const s = results.svctl ?? {};
const p = results.pm2 ?? {};
console.log(
  `\nrestart after SIGKILL, ${options.kills} kills (+${options.warmup} warm-up), median; restart_delay 0, min_uptime ${MIN_UPTIME} ms; ` +
    `node ${process.version}; pm2 ${order.some(([n]) => n === 'pm2') ? pm2Version() : '-'}; ${os.cpus().length} cpus, load ${os.loadavg()[0].toFixed(2)}`,
);
printTable('supervise-restart', [
  {
    metric: 'kill -> new process spawned',
    svctl: ms(s.respawn),
    pm2: ms(p.respawn),
    target: 'svctl <= pm2',
    verdict: verdict(s.respawn != null && p.respawn != null ? s.respawn <= p.respawn : null),
  },
  { metric: '  kill -> new app ran (incl. node boot)', svctl: ms(s.appUp), pm2: ms(p.appUp), target: '-', verdict: '' },
  { metric: '  kill -> listed online (incl. CLI runs)', svctl: ms(s.listed), pm2: ms(p.listed), target: '-', verdict: '' },
]);
for (const [name, error] of Object.entries(errors)) console.log(`${name}: not measured: ${error.message.split('\n')[0]}`);
process.exitCode = Object.keys(errors).length > 0 ? 1 : 0;
