// Soak under a restart storm (issue 10): does the daemon stay flat and its own log keep up?
//
// 20 apps crash-looping with restart_delay 0 (a shell that prints one stderr line and exits 1, so the
// storm is the supervisor's work, not Node's boot), 5 loggers printing 100 lines/s each, and
// `svctl list` run back to back every 0.2 s. Every 15 s: the daemon's RSS and open fds, and the
// daemon.log lag: one logger is restarted, and the lag is the time from its transition (the event's
// `at`) to the line being in daemon.log.
//
// Targets: RSS after the first minute within ±20 % of its median; the log lag under 5 s throughout.
// Usage: node bench/soak-storm.mjs [--minutes=10] [--sample=15]   (after `npm run build`)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSvctl, makeAppsDir, mb, printTable, readRssKb, root, sleep, verdict } from './lib/apps.mjs';
import { median } from './lib/measure.mjs';

const flag = (name, fallback) => Number(process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const minutes = flag('minutes', 10);
const sampleSeconds = flag('sample', 15);
const CRASHERS = 20;
const LOGGERS = 5;
const LAG_GIVE_UP_MS = 60_000;

function fdCount(pid) {
  return fs.readdirSync(`/proc/${pid}/fd`).length;
}

/** Waits for a transition of `app` at or after `since` (ms) in daemon.log; returns its lag in ms. */
async function logLag(home, app, since) {
  const file = path.join(home, 'daemon.log');
  const deadline = Date.now() + LAG_GIVE_UP_MS;
  while (Date.now() < deadline) {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const length = Math.min(size, 512 * 1024);
      const tail = Buffer.alloc(length);
      fs.readSync(fd, tail, 0, length, size - length);
      const seenAt = Date.now();
      for (const line of tail.toString('utf8').split('\n')) {
        if (!line.includes(`"app":"${app}"`) || !line.includes('"event":"transition"')) continue;
        const at = Date.parse(JSON.parse(line).at);
        if (at >= since) return seenAt - at;
      }
    } catch {
      // rotated between stat and read, or a line cut by the window start: look again
    } finally {
      fs.closeSync(fd);
    }
    await sleep(100);
  }
  return null;
}

async function main() {
  const { dir, dispose: removeDir } = makeAppsDir();
  const svctl = createSvctl({ timeoutMs: 120_000 });
  const apps = [];
  for (let i = 0; i < CRASHERS; i++) {
    apps.push({ name: `crash-${i}`, script: '/bin/sh', args: ['-c', 'echo "crash: cannot connect" >&2; exit 1'], restart_delay: 0, min_uptime: 0, max_restarts: 100_000_000 });
  }
  for (let i = 0; i < LOGGERS; i++) {
    apps.push({ name: `logger-${i}`, script: path.join(root, 'tests/fixtures/stamp-lines.js'), env: { INTERVAL_MS: '10' } });
  }
  const file = path.join(dir, 'storm.json');
  fs.writeFileSync(file, JSON.stringify({ apps }, null, 2));
  const samples = [];
  let listing = true;
  let lists = 0;
  try {
    const pid = await svctl.startDaemon();
    console.log(`soak: ${minutes} min, daemon pid ${pid}, load at start ${os.loadavg().map((load) => load.toFixed(2)).join(' ')}`);
    await svctl.start(file);
    const t0 = Date.now();
    const lister = (async () => {
      while (listing) {
        await svctl.cli('list', '--json').catch(() => undefined);
        lists++;
        await sleep(200);
      }
    })();
    let round = 0;
    while (Date.now() - t0 < minutes * 60_000) {
      const wake = t0 + (round + 1) * sampleSeconds * 1000;
      await sleep(Math.max(0, wake - Date.now()));
      const app = `logger-${round % LOGGERS}`;
      const since = Date.now();
      await svctl.cli('restart', app);
      const lag = await logLag(svctl.home, app, since - 5);
      const rows = await svctl.list();
      const sample = {
        t: Math.round((Date.now() - t0) / 1000),
        rssKb: readRssKb(pid),
        fds: fdCount(pid),
        lagMs: lag,
        restarts: rows.reduce((sum, row) => sum + row.restarts, 0),
        logMb: fs.statSync(path.join(svctl.home, 'daemon.log')).size / 1024 / 1024,
        load: os.loadavg()[0],
      };
      samples.push(sample);
      console.log(
        `t=${String(sample.t).padStart(4)} s  rss ${mb(sample.rssKb).padStart(8)}  fds ${String(sample.fds).padStart(4)}  log lag ${lag === null ? `>${LAG_GIVE_UP_MS / 1000} s` : `${lag} ms`}  restarts ${sample.restarts}  daemon.log ${sample.logMb.toFixed(2)} MB  lists ${lists}  load ${sample.load.toFixed(2)}`,
      );
      round++;
    }
    listing = false;
    await lister;
  } finally {
    listing = false;
    await svctl.cleanup();
    removeDir();
  }
  const late = samples.filter((sample) => sample.t > 60);
  const rssMedian = median(late.map((sample) => sample.rssKb));
  const spread = late.length === 0 ? null : Math.max(...late.map((sample) => Math.abs(sample.rssKb / rssMedian - 1)));
  const lags = samples.map((sample) => sample.lagMs);
  const worstLag = lags.includes(null) ? null : Math.max(...lags);
  printTable(`soak-storm (${minutes} min, ${CRASHERS} crash loops, ${LOGGERS} loggers, list every 0.2 s; load at end ${os.loadavg()[0].toFixed(2)})`, [
    { metric: 'RSS after 1 min (min / median / max)', svctl: late.length === 0 ? 'n/a' : `${mb(Math.min(...late.map((s) => s.rssKb)))} / ${mb(rssMedian)} / ${mb(Math.max(...late.map((s) => s.rssKb)))}` },
    { metric: 'RSS spread after 1 min', svctl: spread === null ? 'n/a' : `±${(spread * 100).toFixed(1)} %`, target: '<= ±20 %', verdict: spread === null ? 'n/a' : verdict(spread <= 0.2) },
    { metric: 'daemon.log lag (worst)', svctl: worstLag === null ? `> ${LAG_GIVE_UP_MS / 1000} s` : `${worstLag} ms`, target: '< 5 s', verdict: verdict(worstLag !== null && worstLag < 5000) },
    { metric: 'fds (first / last)', svctl: `${samples[0]?.fds} / ${samples.at(-1)?.fds}` },
    { metric: 'restarts (all apps)', svctl: String(samples.at(-1)?.restarts ?? 0) },
    { metric: 'svctl list runs', svctl: String(lists) },
  ]);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
