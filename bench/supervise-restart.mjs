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
// Usage: node bench/supervise-restart.mjs [kills=20] [warmup=2] [--only=svctl,pm2,supervisord]
import fs from 'node:fs';
import {
  childPids,
  isMain,
  makeAppsDir,
  isAlive,
  isAncestor,
  ms,
  nowMs,
  parseArgs,
  readMarkerPids,
  reapMarkerPids,
  sleep,
  sleepSync,
  waitFor,
  writeAppFile,
} from './lib/apps.mjs';
import { eachSupervisor, runStandalone } from './lib/benchmark.mjs';
import { median, summarize } from './lib/measure.mjs';
import { createSupervisor } from './lib/supervisors.mjs';

const options = parseArgs(isMain(import.meta.url) ? process.argv.slice(2) : [], { kills: 20, warmup: 2 });
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
    return { ...samples, rejected, restarts: rows[0]?.restarts, status: rows[0]?.status };
  } finally {
    await supervisor.cleanup().catch((error) => console.error(`${supervisor.name} cleanup: ${error.message}`));
    const reaped = reapMarkerPids(marker);
    if (reaped > 0) console.error(`${supervisor.name}: killed ${reaped} app processes left behind after cleanup`);
    apps.dispose();
  }
}

export const benchmark = {
  id: 'restart',
  title: 'Restart latency after a crash',
  what:
    'One idle Node app, restarted at once after a crash (restart_delay 0; supervisord restarts at once by ' +
    'design). Repeatedly SIGKILL it once stable and time: kill → the daemon has a new child process (a tight ' +
    '/proc poll, no CLI involved: the supervisor\'s own reaction), kill → the new app ran its first line (adds ' +
    'Node\'s boot), kill → the CLI lists the new pid online (adds CLI runs).',
  async run({ kinds, quick, kills = quick ? 4 : 8, warmup = 1 }) {
    Object.assign(options, { kills, warmup });
    const results = await eachSupervisor(kinds, async (kind) => {
      const result = await measure(() => createSupervisor(kind));
      console.error(`restart ${kind}: respawn median ${ms(median(result.respawn))}, rejected ${result.rejected}, final status ${result.status}`);
      return result;
    });
    const row = (metric, key) => ({ metric, unit: 'ms', better: 'lower', values: Object.fromEntries(Object.entries(results).map(([kind, result]) => [kind, summarize(result[key])])) });
    return {
      rows: [row('kill → new process spawned', 'respawn'), row('kill → the new app ran (incl. Node boot)', 'appUp'), row('kill → listed online (incl. CLI runs)', 'listed')],
    };
  },
};

if (isMain(import.meta.url)) await runStandalone(benchmark, options);
