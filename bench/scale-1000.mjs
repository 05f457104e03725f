// Issue 9 "small by design": the daemon at scale. One run, svctl then pm2 (same machine, same apps):
//   - daemon RSS with 0 and 100 idle apps (svctl and pm2), then the 1,000-app steps below, then (svctl, in a
//     fresh daemon) RSS with 100 apps that have each written 5 MB of logs, so each figure starts clean;
//   - 1,000 idle apps (`/bin/sleep`, one app file): time to all online, `list` time, `restart all` (until all
//     online again), `stop all`, daemon RSS with 1,000 online;
//   - the floor: RSS of a bare `node -e` that only waits.
// pm2 can be slow at 1,000 apps: each of its steps is bounded (PM2_STEP_TIMEOUT_MS) and reported n/a past it.
// Usage: node bench/scale-1000.mjs [apps=1000] [--only=svctl|pm2]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  createSvctl, makeAppsDir, mb, ms, nowMs, parseArgs, printTable, readRssKb, settledRssKb, svctlCli, verdict, waitFor,
} from './lib/apps.mjs';
import { median, timeProcess } from './lib/measure.mjs';
import { createPm2, ensurePm2, pm2Version } from './lib/pm2.mjs';

const options = parseArgs(process.argv.slice(2), { apps: 1000 });
const PM2_STEP_TIMEOUT_MS = 300_000;
const CHATTY_BYTES = 5 * 1000 * 1000;

function sleepApps(count, prefix) {
  return Array.from({ length: count }, (_, index) => ({
    name: `${prefix}-${index}`,
    script: '/bin/sleep',
    args: ['100000'],
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

/** Progress on stderr, so a run cut short still shows what it measured. */
function note(who, result) {
  console.error(`${who}: ${JSON.stringify(result)}`);
}

async function timed(step) {
  const start = nowMs();
  await step();
  return nowMs() - start;
}

/** A step that may not finish in time (pm2 at 1,000 apps): its duration, or null. */
async function bounded(label, step) {
  try {
    return await timed(step);
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

function listTimeMs(command, args, env) {
  timeProcess(command, args, env); // warm the page cache
  return median(Array.from({ length: 5 }, () => timeProcess(command, args, env)));
}

async function measureSvctl(dir, count) {
  const svctl = createSvctl({ timeoutMs: 600_000 });
  // Starting 1,000 apps can take longer than the CLI's default 60 s wait on a loaded machine.
  svctl.env.SVCTL_TIMEOUT = '600000';
  const result = {};
  try {
    const pid = await svctl.startDaemon();
    result.rss0 = (await settledRssKb(pid)).kb;
    await svctl.start(writeFile(dir, 'svctl-100.json', sleepApps(100, 'idle')));
    await waitOnline(svctl, 100, 120_000);
    result.rss100 = (await settledRssKb(pid)).kb;
    await svctl.deleteAll();

    const file = writeFile(dir, 'svctl-scale.json', sleepApps(count, 'scale'));
    result.online = await timed(async () => {
      await svctl.start(file);
      await waitOnline(svctl, count, 600_000);
    });
    result.rssScale = (await settledRssKb(pid, { maxMs: 15_000 })).kb;
    result.list = listTimeMs(process.execPath, [svctlCli, 'list'], svctl.env);
    result.listJson = listTimeMs(process.execPath, [svctlCli, 'list', '--json'], svctl.env);
    result.restart = await timed(async () => {
      await svctl.cli('restart', 'all');
      await waitOnline(svctl, count, 600_000);
    });
    result.stop = await timed(() => svctl.cli('stop', 'all'));
    result.rssAfter = readRssKb(pid);
    await svctl.cleanup();
    result.rssChatty = await chattyRssKb(dir);
    return result;
  } catch (error) {
    note('svctl (cut short)', result);
    throw error;
  } finally {
    await svctl.cleanup();
  }
}

/** 100 apps that each write 5 MB of 100-byte lines, then idle: in a fresh daemon, so that the figure is not
 * the memory glibc kept from the 1,000-app steps. */
async function chattyRssKb(dir) {
  const svctl = createSvctl({ timeoutMs: 600_000 });
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

async function measurePm2(dir, count) {
  const pm2 = createPm2({ timeoutMs: PM2_STEP_TIMEOUT_MS });
  const result = {};
  try {
    const pid = await pm2.startDaemon();
    result.rss0 = (await settledRssKb(pid)).kb;
    await pm2.start(writeFile(dir, 'pm2-100.json', sleepApps(100, 'idle')));
    await waitOnline(pm2, 100, 120_000);
    result.rss100 = (await settledRssKb(pid)).kb;
    await pm2.deleteAll();
    const file = writeFile(dir, 'pm2-scale.json', sleepApps(count, 'scale'));
    result.online = await bounded('pm2 start', async () => {
      await pm2.start(file);
      await waitOnline(pm2, count, PM2_STEP_TIMEOUT_MS);
    });
    if (result.online === null) return result;
    result.rssScale = (await settledRssKb(pid, { maxMs: 15_000 })).kb;
    const bin = ensurePm2();
    result.list = listTimeMs(process.execPath, [bin, 'list'], pm2.env);
    result.listJson = listTimeMs(process.execPath, [bin, 'jlist'], pm2.env);
    result.restart = await bounded('pm2 restart', async () => {
      await pm2.cli('restart', 'all');
      await waitOnline(pm2, count, PM2_STEP_TIMEOUT_MS);
    });
    result.stop = await bounded('pm2 stop', () => pm2.cli('stop', 'all'));
    result.rssAfter = readRssKb(pid);
    return result;
  } catch (error) {
    note('pm2 (cut short)', result);
    throw error;
  } finally {
    await pm2.cleanup();
  }
}

const count = options.apps;
const apps = makeAppsDir();
try {
  const floor = await floorRssKb();
  const svctl = options.only === 'pm2' ? {} : await measureSvctl(apps.dir, count);
  const pm2 = options.only === 'svctl' ? {} : await measurePm2(apps.dir, count);
  const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const MB = 1024;
  printTable(`Scale: ${count} idle apps (node ${process.version}, pm2 ${options.only === 'svctl' ? '-' : pm2Version()}, load ${load}, floor: bare node -e ${mb(floor)})`, [
    { metric: 'daemon RSS, 0 apps', svctl: mb(svctl.rss0), pm2: mb(pm2.rss0), target: '<= 45 MB', verdict: verdict(svctl.rss0 && svctl.rss0 <= 45 * MB) },
    { metric: 'daemon RSS, 100 idle apps', svctl: mb(svctl.rss100), pm2: mb(pm2.rss100), target: '<= 55 MB', verdict: verdict(svctl.rss100 && svctl.rss100 <= 55 * MB) },
    { metric: 'daemon RSS, 100 apps after 5 MB of logs each', svctl: mb(svctl.rssChatty), pm2: '', target: '<= 90 MB', verdict: verdict(svctl.rssChatty && svctl.rssChatty <= 90 * MB) },
    { metric: `time to ${count} online`, svctl: ms(svctl.online), pm2: ms(pm2.online), target: '', verdict: '' },
    { metric: `daemon RSS, ${count} idle apps`, svctl: mb(svctl.rssScale), pm2: mb(pm2.rssScale), target: '<= 100 MB', verdict: verdict(svctl.rssScale && svctl.rssScale <= 100 * MB) },
    { metric: `list (table), ${count} apps`, svctl: ms(svctl.list), pm2: ms(pm2.list), target: '< 300 ms', verdict: verdict(svctl.list && svctl.list < 300) },
    { metric: `list --json / jlist, ${count} apps`, svctl: ms(svctl.listJson), pm2: ms(pm2.listJson), target: '', verdict: '' },
    { metric: 'restart all (until all online)', svctl: ms(svctl.restart), pm2: ms(pm2.restart), target: '', verdict: '' },
    { metric: 'stop all', svctl: ms(svctl.stop), pm2: ms(pm2.stop), target: '', verdict: '' },
    { metric: 'daemon RSS after stop all', svctl: mb(svctl.rssAfter), pm2: mb(pm2.rssAfter), target: '', verdict: '' },
  ]);
} finally {
  apps.dispose();
}
