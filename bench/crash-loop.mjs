// Crash-loop behaviour: an app that exits 1 as soon as it starts, under each supervisor's defaults (svctl and
// pm2: min_uptime 1 s, max_restarts 16, no delay; supervisord: startsecs 1, startretries 3, a backoff of 1, 2,
// 3 s). From `start` until the supervisor gives up (errored / FATAL) or WINDOW seconds pass: how long it
// kept trying, how many times the app was spawned (each run appends its pid to a marker file), the daemon's
// CPU per spawn (all its threads, /proc schedstat), and the state it ends in. The three run side by side
// (this measures waiting and counting, not throughput).
// Usage: node bench/crash-loop.mjs [window=20] [runs=2] [--only=svctl,pm2,supervisord]
import fs from 'node:fs';
import path from 'node:path';
import { cpuTimeMs, isMain, makeAppsDir, nowMs, parseArgs, readMarkerPids, sleep } from './lib/apps.mjs';
import { eachSupervisor, runStandalone, valuesOf } from './lib/benchmark.mjs';
import { createSupervisor } from './lib/supervisors.mjs';

const CRASHER = "require('fs').appendFileSync(process.env.BENCH_MARKER, process.pid + '\\n');\nprocess.stderr.write('cannot connect\\n');\nprocess.exit(1);\n";
// supervisord's own defaults, written out: the driver's default startsecs=0 would count every run as started.
const SUPERVISORD_DEFAULTS = { startsecs: 1, startretries: 3 };

async function measureOnce(kind, windowMs) {
  const supervisor = createSupervisor(kind, kind === 'supervisord' ? { programDefaults: SUPERVISORD_DEFAULTS } : {});
  const apps = makeAppsDir();
  try {
    const script = path.join(apps.dir, 'crasher.cjs');
    const marker = path.join(apps.dir, 'started.pids');
    fs.writeFileSync(script, CRASHER);
    fs.writeFileSync(marker, '');
    const file = path.join(apps.dir, 'apps.json');
    fs.writeFileSync(file, JSON.stringify({ apps: [{ name: 'crasher', script, cwd: apps.dir, env: { BENCH_MARKER: marker } }] }));
    const pid = await supervisor.startDaemon();
    const cpu0 = cpuTimeMs(pid);
    const t0 = nowMs();
    // svctl's start waits for the app and exits 1 when it crashed, as here: --no-wait returns at once, as pm2 does.
    await (kind === 'svctl' ? supervisor.cli('start', file, '--no-wait') : supervisor.start(file));
    let status;
    let gaveUpMs = null;
    while (nowMs() - t0 < windowMs) {
      status = (await supervisor.list())[0]?.status;
      if (status === 'errored') {
        gaveUpMs = nowMs() - t0;
        break;
      }
      await sleep(100);
    }
    const spawns = readMarkerPids(marker).length;
    return { gaveUpMs, spawns, cpuPerSpawn: spawns === 0 ? null : (cpuTimeMs(pid) - cpu0) / spawns, status };
  } finally {
    await supervisor.cleanup().catch((error) => console.error(`${kind} cleanup: ${error.message}`));
    apps.dispose();
  }
}

export const benchmark = {
  id: 'crash-loop',
  title: 'Crash-loop behaviour',
  what:
    'An app that exits 1 at once, under each supervisor\'s defaults (svctl and pm2: `min_uptime` 1 s, ' +
    '`max_restarts` 16, no delay; supervisord: `startsecs` 1, `startretries` 3, backoff 1, 2, 3 s). From `start` ' +
    'until the supervisor gives up (errored / FATAL) or the window ends: how long it kept trying, how many times ' +
    'the app ran, the daemon\'s CPU per spawn, and the final state.',
  async run({ kinds, quick, window = quick ? 15 : 20, runs = quick ? 1 : 2 }) {
    // The supervisors run side by side: this measures waiting and counting, not throughput.
    const results = await eachSupervisor(kinds, async (kind) => {
      const done = [];
      for (let i = 0; i < runs; i++) done.push(await measureOnce(kind, window * 1000));
      console.error(`crash-loop ${kind}: ${JSON.stringify(done)}`);
      return done;
    }, { parallel: true });
    const gaveUp = valuesOf(results, (r) => r.gaveUpMs);
    for (const kind of Object.keys(gaveUp)) if (gaveUp[kind] === null) gaveUp[kind] = { text: `still restarting after ${window} s` };
    return {
      rows: [
        { metric: 'time until it stops restarting', unit: 'ms', values: gaveUp },
        { metric: 'times the app ran', unit: '', values: valuesOf(results, (r) => r.spawns) },
        { metric: 'daemon CPU per spawn', unit: 'ms', better: 'lower', values: valuesOf(results, (r) => r.cpuPerSpawn) },
        { metric: 'final state', values: Object.fromEntries(Object.entries(results).map(([kind, done]) => [kind, { text: [...new Set(done.map((r) => r.status ?? '?'))].join(', ') }])) },
      ],
    };
  },
};

if (isMain(import.meta.url)) await runStandalone(benchmark, parseArgs(process.argv.slice(2), { window: 20, runs: 2 }));
