// Stopping an app that ignores SIGTERM and has a grandchild that ignores it too (tests/fixtures/ignore-sigterm.js):
// how long `stop` takes and how many of the two processes are left once it returned. The same kill timeout
// for all: 2 s (svctl and pm2 `kill_timeout`, supervisord `stopwaitsecs`), SIGTERM for all (pm2 sends SIGINT
// unless PM2_KILL_SIGNAL says otherwise, so its daemon gets PM2_KILL_SIGNAL=SIGTERM), each tool's defaults otherwise
// (svctl signals the process group, pm2 the process tree; supervisord the process only, as `stopasgroup` and
// `killasgroup` are off by default). A run starts once both processes have a SIGTERM handler (SigCgt in
// /proc), so no signal can arrive before the app is ready to ignore it. Left-over processes are then killed.
// Usage: node bench/stop-grandchild.mjs [runs=3] [--only=svctl,pm2,supervisord]
import fs from 'node:fs';
import path from 'node:path';
import { childPids, isMain, killQuietly, makeAppsDir, nowMs, parseArgs, root, sleep, waitFor } from './lib/apps.mjs';
import { eachSupervisor, runStandalone, valuesOf } from './lib/benchmark.mjs';
import { summarize } from './lib/measure.mjs';
import { createSupervisor } from './lib/supervisors.mjs';

const KILL_TIMEOUT_MS = 2000;
const LEFT_AFTER_MS = 3000;
const fixture = path.join(root, 'tests/fixtures/ignore-sigterm.js');

/** True while `pid` exists and is not a zombie. */
function running(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** True once `pid` catches SIGTERM (bit 15 of SigCgt). */
function catchesSigterm(pid) {
  try {
    const mask = /^SigCgt:\s+([0-9a-f]+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return mask !== undefined && (BigInt(`0x${mask}`) & (1n << 14n)) !== 0n;
  } catch {
    return false;
  }
}

async function stopOnce(supervisor, file) {
  await supervisor.start(file);
  const { leader, grandchild } = await waitFor(
    async () => {
      const row = (await supervisor.list()).find((r) => r.name === 'grandpa' && r.status === 'online' && r.pid !== null);
      const child = row === undefined ? undefined : [...childPids(row.pid)][0];
      return child !== undefined && catchesSigterm(row.pid) && catchesSigterm(child) ? { leader: row.pid, grandchild: child } : null;
    },
    { timeoutMs: 60_000, intervalMs: 50, what: `${supervisor.name}: app and grandchild up` },
  );
  const t0 = nowMs();
  await supervisor.cli('stop', 'grandpa');
  const stopMs = nowMs() - t0;
  const deadline = Date.now() + LEFT_AFTER_MS;
  while ((running(leader) || running(grandchild)) && Date.now() < deadline) await sleep(50);
  const left = [leader, grandchild].filter(running);
  for (const pid of left) killQuietly(pid);
  await supervisor.deleteAll();
  return { stopMs, left: left.length };
}

export const benchmark = {
  id: 'stop',
  title: 'Stop of a SIGTERM-ignoring app with a grandchild',
  what:
    'An app that ignores SIGTERM and has a grandchild that ignores it too. `stop` with a 2 s kill timeout for ' +
    'all (svctl and pm2 `kill_timeout`, supervisord `stopwaitsecs`) and SIGTERM for all (pm2\'s daemon gets ' +
    '`PM2_KILL_SIGNAL=SIGTERM`; it sends SIGINT by default), each tool\'s defaults otherwise: how long ' +
    `the stop command takes, and how many of the two processes are still running ${LEFT_AFTER_MS / 1000} s after it returned.`,
  async run({ kinds, quick, runs = quick ? 1 : 3 }) {
    const apps = makeAppsDir();
    try {
      const file = path.join(apps.dir, 'apps.json');
      fs.writeFileSync(file, JSON.stringify({ apps: [{ name: 'grandpa', script: fixture, cwd: apps.dir, kill_timeout: KILL_TIMEOUT_MS, autorestart: false }] }));
      // Waiting on kill timeouts, not CPU: the supervisors run side by side.
      const results = await eachSupervisor(
        kinds,
        async (kind) => {
          const supervisor = createSupervisor(kind);
          // pm2 stops with SIGINT unless its daemon's environment says otherwise: SIGTERM here, as the others.
          if (kind === 'pm2') supervisor.env.PM2_KILL_SIGNAL = 'SIGTERM';
          try {
            await supervisor.startDaemon();
            const done = [];
            for (let i = 0; i < runs; i++) done.push(await stopOnce(supervisor, file));
            console.error(`stop ${kind}: ${JSON.stringify(done)}`);
            return done;
          } finally {
            await supervisor.cleanup().catch((error) => console.error(`${kind} cleanup: ${error.message}`));
          }
        },
        { parallel: true },
      );
      return {
        rows: [
          { metric: 'stop command, start to exit', unit: 'ms', better: 'lower', floor: summarize([KILL_TIMEOUT_MS]), floorLabel: 'the kill timeout', values: valuesOf(results, (r) => r.stopMs) },
          { metric: `processes still running ${LEFT_AFTER_MS / 1000} s later (of 2)`, unit: '', better: 'lower', values: valuesOf(results, (r) => r.left) },
        ],
      };
    } finally {
      apps.dispose();
    }
  },
};

if (isMain(import.meta.url)) await runStandalone(benchmark, parseArgs(process.argv.slice(2), { runs: 3 }));
