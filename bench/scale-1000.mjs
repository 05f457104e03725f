// Issue 9 "small by design": the daemon at scale, svctl, pm2 and supervisord in the same run (same machine, same apps):
//   - 1,000 idle apps (`/bin/sleep`, one app file): time to all online, `list` time (svctl `list`, pm2 `ls`,
//     `supervisorctl status`), `restart all` (until all online again), `stop all`, daemon RSS with 1,000 online;
//   - the floor: the same 1,000 processes spawned directly (start-up), a bare `node -e` that only waits (RSS);
//   - standalone only (`--small`, on by default there): daemon RSS with 0 and 100 idle apps, each read after 10 s
//     idle (lib/apps.mjs idleRssKb: V8 gives back what a burst left ~8 s after it), and (svctl, in a fresh
//     daemon) RSS with 100 apps that have each written 5 MB of logs, so each figure starts clean.
// Every step is bounded (STEP_TIMEOUT_MS, 300 s standalone): past it the figure reads "cut at N s". Apps left
// running by a supervisor that could not stop them in time are killed by the bench (found by their command line).
// Usage: node bench/scale-1000.mjs [apps=1000] [--only=svctl,pm2,supervisord]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  idleRssKb, isMain, killQuietly, makeAppsDir, nowMs, parseArgs, readRssKb, reapByArg, settledRssKb, uniqueSleep, waitFor,
} from './lib/apps.mjs';
import { eachSupervisor, runStandalone } from './lib/benchmark.mjs';
import { summarize, timeProcess } from './lib/measure.mjs';
import { createSupervisor } from './lib/supervisors.mjs';

const CHATTY_BYTES = 5 * 1000 * 1000;
// Apps left running by a supervisor that could not stop 1,000 apps within the bound, or was killed meanwhile,
// are reaped by this argument (unique to this run).
const SLEEP = uniqueSleep();

function sleepApps(count, prefix) {
  return Array.from({ length: count }, (_, index) => ({
    name: `${prefix}-${index}`,
    script: '/bin/sleep',
    args: [SLEEP],
    interpreter: 'none',
    exec_mode: 'fork',
    autorestart: true,
  }));
}

function writeFile(dir, name, apps) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify({ apps }));
  return file;
}

/** Online rows (status online, live pid) in the supervisor's list. */
async function onlineCount(supervisor) {
  return (await supervisor.list()).filter((row) => row.status === 'online' && row.pid !== null).length;
}

function waitOnline(supervisor, count, timeoutMs) {
  return waitFor(async () => (await onlineCount(supervisor)) >= count, { timeoutMs, intervalMs: 250, what: `${count} online in ${supervisor.name}` });
}

/** A step that may not finish in time: its duration, or null (logged) when it failed or was cut. */
async function bounded(label, step) {
  const start = nowMs();
  try {
    await step();
    return nowMs() - start;
  } catch (error) {
    console.error(`${label}: ${error.message.split('\n')[0]}`);
    return null;
  }
}

function floorRssKb() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    settledRssKb(child.pid).then(({ kb }) => {
      child.kill('SIGKILL');
      resolve(kb);
    }, reject);
  });
}

/** The floor for start-up: the same `count` processes spawned straight from here, until all have spawned. */
async function floorSpawnMs(count) {
  const children = [];
  const start = nowMs();
  try {
    for (let i = 0; i < count; i++) children.push(spawn('/bin/sleep', [SLEEP], { stdio: 'ignore' }));
    await Promise.all(children.map((child) => new Promise((resolve, reject) => child.once('spawn', resolve).once('error', reject))));
    return nowMs() - start;
  } finally {
    for (const child of children) killQuietly(child.pid);
  }
}

async function measureScale(kind, dir, count, { stepMs, small }) {
  const supervisor = createSupervisor(kind, { timeoutMs: stepMs });
  // Starting 1,000 apps can take longer than svctl's default 60 s wait on a loaded machine.
  supervisor.env.SVCTL_TIMEOUT = String(stepMs);
  const result = {};
  try {
    const pid = await supervisor.startDaemon();
    if (small) {
      result.rss0 = (await idleRssKb(pid, nowMs())).kb;
      await supervisor.start(writeFile(dir, `${kind}-100.json`, sleepApps(100, 'idle')));
      await waitOnline(supervisor, 100, 120_000);
      result.rss100 = (await idleRssKb(pid, nowMs())).kb;
      await supervisor.deleteAll();
    }
    const file = writeFile(dir, `${kind}-scale.json`, sleepApps(count, 'scale'));
    result.online = await bounded(`${kind} start`, async () => {
      await supervisor.start(file);
      await waitOnline(supervisor, count, stepMs);
    });
    if (result.online === null) return result;
    result.rssScale = (await settledRssKb(pid, { maxMs: small ? 15_000 : 6000 })).kb;
    const [command, args] = supervisor.listCommand;
    timeProcess(command, args, supervisor.env); // warm the page cache
    result.list = Array.from({ length: 5 }, () => timeProcess(command, args, supervisor.env));
    result.restart = await bounded(`${kind} restart`, async () => {
      await supervisor.cli('restart', 'all');
      await waitOnline(supervisor, count, stepMs);
    });
    result.stop = await bounded(`${kind} stop`, () => supervisor.cli('stop', 'all'));
    result.rssAfter = readRssKb(pid);
    return result;
  } finally {
    await supervisor.cleanup().catch((error) => console.error(`${kind} cleanup: ${error.message}`));
    reapByArg(SLEEP);
    console.error(`scale ${kind}: ${JSON.stringify(result)}`);
  }
}

/** 100 apps that each write 5 MB of 100-byte lines, then idle: in a fresh daemon, so that the figure is not
 * the memory glibc kept from the 1,000-app steps. */
async function chattyRssKb(dir) {
  const svctl = createSupervisor('svctl', { timeoutMs: 600_000 });
  try {
    const pid = await svctl.startDaemon();
    const chatty = sleepApps(100, 'chatty').map((app) => ({
      ...app,
      script: '/bin/sh',
      args: ['-c', `head -c ${CHATTY_BYTES / 100 * 99} /dev/zero | tr '\\0' x | fold -w 99; echo; exec sleep 100000`],
    }));
    await svctl.start(writeFile(dir, 'svctl-chatty.json', chatty));
    const logsDir = path.join(svctl.home, 'logs');
    await waitFor(
      () => chatty.every((app) => (fs.statSync(path.join(logsDir, `${app.name}-out.log`), { throwIfNoEntry: false })?.size ?? 0) >= CHATTY_BYTES),
      { timeoutMs: 300_000, intervalMs: 500, what: 'chatty apps to write their logs' },
    );
    return (await settledRssKb(pid)).kb;
  } finally {
    await svctl.cleanup();
  }
}

export const benchmark = {
  id: 'scale',
  title: 'The 1,000-app scale scenario, and daemon RSS at 1,000 apps',
  what:
    'One app file of 1,000 idle `/bin/sleep` apps: time until the CLI lists all online (floor: the same ' +
    '1,000 processes spawned directly), daemon RSS with all online (settled; floor: a bare idle `node`), the list ' +
    'command (svctl `list`, pm2 `ls`, `supervisorctl status`; 5 runs), `restart all` until all are online again, ' +
    '`stop all`. Each step is bounded: past the bound the figure reads "cut". svctl also (with `chatty`, as ' +
    '`npm run bench` runs it): daemon RSS in a fresh daemon once 100 apps have each written 5 MB of logs.',
  async run({ kinds, quick, apps = 1000, stepSeconds = quick ? 20 : 30, small = false, chatty = false }) {
    const dir = makeAppsDir();
    try {
      const floorRss = await floorRssKb();
      const floorOnline = await floorSpawnMs(apps);
      const results = await eachSupervisor(kinds, (kind) => measureScale(kind, dir.dir, apps, { stepMs: stepSeconds * 1000, small }));
      const chattyKb = chatty && kinds.includes('svctl') ? await chattyRssKb(dir.dir) : null;
      const cut = { text: `cut at ${stepSeconds} s`, atLeast: stepSeconds * 1000 };
      // A step past its bound reads "cut"; the steps after a cut start are not reached.
      const valueOf = (r, key, scale, isBounded) => {
        if (r[key] != null) return summarize([].concat(r[key]).map((v) => v / scale));
        if (key !== 'online' && r.online === null) return { text: 'not reached (start cut)' };
        return isBounded ? cut : null;
      };
      const one = (key, { scale = 1, bounded: isBounded = false } = {}) => Object.fromEntries(Object.entries(results).map(([kind, r]) => [kind, valueOf(r, key, scale, isBounded)]));
      const rows = [
        { metric: `time to ${apps.toLocaleString('en-US')} online`, unit: 'ms', better: 'lower', floor: summarize([floorOnline]), floorLabel: 'direct spawns', values: one('online', { bounded: true }) },
        { metric: `daemon RSS, ${apps.toLocaleString('en-US')} idle apps`, unit: 'MB', better: 'lower', floor: summarize([floorRss / 1024]), floorLabel: 'bare node', values: one('rssScale', { scale: 1024 }) },
        { metric: `list, ${apps.toLocaleString('en-US')} apps`, unit: 'ms', better: 'lower', values: one('list') },
        { metric: 'restart all, until all online', unit: 'ms', better: 'lower', values: one('restart', { bounded: true }) },
        { metric: 'stop all', unit: 'ms', better: 'lower', values: one('stop', { bounded: true }) },
      ];
      if (small) {
        rows.unshift(
          { metric: 'daemon RSS, 0 apps, idle 10 s', unit: 'MB', better: 'lower', floor: summarize([floorRss / 1024]), floorLabel: 'bare node', values: one('rss0', { scale: 1024 }) },
          { metric: 'daemon RSS, 100 idle apps, idle 10 s', unit: 'MB', better: 'lower', values: one('rss100', { scale: 1024 }) },
        );
      }
      if (chattyKb !== null) rows.push({ metric: 'daemon RSS, 100 apps after 5 MB of logs each (fresh daemon)', unit: 'MB', better: 'lower', values: { svctl: summarize([chattyKb / 1024]), pm2: { na: 'svctl only' }, supervisord: { na: 'svctl only' } } });
      return { rows };
    } finally {
      dir.dispose();
    }
  },
};

if (isMain(import.meta.url)) {
  const options = parseArgs(process.argv.slice(2), { apps: 1000 });
  await runStandalone(benchmark, { only: options.only, apps: options.apps, stepSeconds: 300, small: true, chatty: true });
}
