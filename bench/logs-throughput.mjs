// Log throughput: one app writes a burst of numbered 100-byte lines as fast as it can; how fast do
// they all land on disk, how big does the supervisor's daemon get meanwhile, and is any line lost?
// svctl and pm2 7 in the same run, plus the physical ceiling: the same writer redirected straight
// into a file (no supervisor, no pipe).
//
// For each supervisor (fresh SVCTL_HOME / PM2_HOME and daemon): start the daemon, start the writer
// app (autorestart off; svctl rotates at 50M keeping 10 files, so the whole burst stays on disk);
// the writer records when it starts writing; poll the log files' total size every 5 ms until it
// reaches the burst size, sampling the daemon's VmRSS meanwhile (and VmHWM at the end). Throughput
// = burst / (all bytes on disk - writer started). Then every line is checked, streaming through the
// files oldest first: lost (missing numbers), duplicated, out of order, malformed.
//
// supervisord's capture (stdout_logfile, 50 MB x 10 backups, as svctl here) is measured the same way.
// Usage: node bench/logs-throughput.mjs [megabytes=200] [runs=1] [--only=svctl,pm2,supervisord]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { isMain, makeTempDir, mb, nowMs, parseArgs, readRssKb, sleep, root } from './lib/apps.mjs';
import { eachSupervisor, runStandalone, valuesOf } from './lib/benchmark.mjs';
import { summarize } from './lib/measure.mjs';
import { createSupervisor } from './lib/supervisors.mjs';

const LINE = 100;
let lines;
let burst;
const writer = path.join(root, 'tests/fixtures/spew-lines.js');

function vmHwmKb(pid) {
  try {
    return Number(/^VmHWM:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  } catch {
    return null;
  }
}

/** Total bytes of the files in dir whose name starts with prefix. */
function bytesOf(dir, prefix) {
  let total = 0;
  for (const name of fs.readdirSync(dir)) if (name.startsWith(prefix)) total += fs.statSync(path.join(dir, name)).size;
  return total;
}

/** Files oldest first: prefix.log.N ... prefix.log.1, prefix.log (svctl's rotation names). */
function filesOldestFirst(dir, base) {
  const rotated = fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(`${base}.`) && /^\d+$/.test(name.slice(base.length + 1)))
    .sort((a, b) => Number(b.slice(base.length + 1)) - Number(a.slice(base.length + 1)));
  return [...rotated, base].map((name) => path.join(dir, name)).filter((file) => fs.existsSync(file));
}

/** Streams through the files and counts lost, duplicated, out-of-order and malformed lines. */
async function checkLines(files) {
  let expected = 1;
  let lost = 0;
  let duplicated = 0;
  let malformed = 0;
  const seenLate = new Set();
  for (const file of files) {
    const reader = readline.createInterface({ input: fs.createReadStream(file, { highWaterMark: 1 << 20 }), crlfDelay: Infinity });
    for await (const line of reader) {
      const n = Number(line.slice(0, 10));
      if (line.length !== LINE - 1 || !Number.isInteger(n) || n < 1) {
        malformed++;
        continue;
      }
      if (n === expected) expected++;
      else if (n > expected) {
        for (let missing = expected; missing < n; missing++) seenLate.add(missing);
        lost += n - expected;
        expected = n + 1;
      } else if (seenLate.has(n)) {
        seenLate.delete(n);
        lost--; // arrived out of order, not lost
      } else duplicated++;
    }
  }
  lost += lines - (expected - 1);
  return { lost, duplicated, malformed, outOfOrder: 0 };
}

async function waitBytes(dir, prefix, daemonPid) {
  let peak = 0;
  const deadline = Date.now() + 300_000;
  for (;;) {
    const rss = daemonPid === null ? null : readRssKb(daemonPid);
    if (rss !== null) peak = Math.max(peak, rss);
    let bytes = 0;
    try {
      bytes = bytesOf(dir, prefix);
    } catch {
      // folder not created yet
    }
    if (bytes >= burst) return { at: Date.now(), peakSampled: peak };
    if (Date.now() > deadline) throw new Error(`only ${bytes} of ${burst} bytes on disk after 300 s`);
    await sleep(5);
  }
}

async function measureCeiling() {
  const dir = makeTempDir('/tmp/logs-bench-ceiling-');
  try {
    const out = fs.openSync(path.join(dir, 'out.log'), 'a');
    const t0File = path.join(dir, 't0');
    const child = spawn(process.execPath, [writer, String(lines), String(LINE)], { stdio: ['ignore', out, 'ignore'], env: { ...process.env, SPEW_EXIT: '1', SPEW_T0_FILE: t0File } });
    fs.closeSync(out);
    await new Promise((resolve) => child.on('exit', resolve));
    const done = Date.now();
    const seconds = (done - Number(fs.readFileSync(t0File, 'utf8'))) / 1000;
    return { mbps: burst / 1e6 / seconds, check: await checkLines([path.join(dir, 'out.log')]) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(kind) {
  const supervisor = createSupervisor(kind, { timeoutMs: 300_000 });
  const dir = makeTempDir(`/tmp/logs-bench-${kind}-`);
  try {
    const logs = path.join(dir, 'logs');
    fs.mkdirSync(logs);
    const t0File = path.join(dir, 't0');
    const app = {
      name: 'spew',
      script: writer,
      args: [String(lines), String(LINE)],
      cwd: dir,
      exec_mode: 'fork',
      autorestart: false,
      env: { SPEW_EXIT: '1', SPEW_T0_FILE: t0File },
      out_file: path.join(logs, 'spew-out.log'),
      error_file: path.join(logs, 'spew-err.log'),
      ...(kind === 'svctl' ? { log_max_size: '50M', log_max_files: 10 } : {}),
    };
    const file = path.join(dir, 'apps.json');
    fs.writeFileSync(file, JSON.stringify({ apps: [app] }));
    const daemonPid = await supervisor.startDaemon();
    const startedAt = nowMs();
    await supervisor.start(file);
    // One instance writes spew-out.log (as pm2 and supervisord); an older svctl wrote spew-out-0.log.
    const { at, peakSampled } = await waitBytes(logs, 'spew-out', daemonPid);
    const t0 = Number(fs.readFileSync(t0File, 'utf8'));
    const seconds = (at - t0) / 1000;
    const hwm = vmHwmKb(daemonPid);
    const base = fs.readdirSync(logs).find((name) => /^spew-out(-0)?\.log$/.test(name)) ?? 'spew-out.log';
    const check = await checkLines(filesOldestFirst(logs, base));
    return { mbps: burst / 1e6 / seconds, seconds, peakKb: Math.max(peakSampled, hwm ?? 0), commandMs: nowMs() - startedAt, check };
  } finally {
    await supervisor.cleanup().catch((error) => console.error(`${kind} cleanup: ${error.message}`));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const benchmark = {
  id: 'logs',
  title: 'Log throughput, with lines lost',
  what:
    'One app writes a burst of numbered 100-byte lines as fast as its pipe takes them; throughput = burst / (all ' +
    'bytes on disk − the writer\'s first line). Then every line is checked (lost, duplicated or malformed). ' +
    'Floor (here a ceiling): the same writer redirected straight into a file. Daemon peak RSS: VmHWM.',
  async run({ kinds, quick, megabytes = quick ? 30 : 100, runs = quick ? 1 : 2 }) {
    lines = Math.round((megabytes * 1_000_000) / LINE);
    burst = lines * LINE;
    const ceilings = [];
    const results = Object.fromEntries(kinds.map((kind) => [kind, []]));
    // Interleaved: each run measures the ceiling and every supervisor, so load changes touch all alike.
    for (let i = 0; i < runs; i++) {
      ceilings.push((await measureCeiling()).mbps);
      const once = await eachSupervisor(kinds, (kind) => measure(kind));
      for (const [kind, r] of Object.entries(once)) {
        console.error(`logs ${kind}: ${r.mbps.toFixed(0)} MB/s, peak RSS ${mb(r.peakKb)}, lost ${r.check.lost}, duplicated ${r.check.duplicated}, malformed ${r.check.malformed}`);
        results[kind].push(r);
      }
    }
    for (const kind of kinds) if (results[kind].length === 0) delete results[kind];
    return {
      rows: [
        { metric: `throughput, ${megabytes} MB burst`, unit: 'MB/s', better: 'higher', floor: summarize(ceilings), floorLabel: 'writer > file', values: valuesOf(results, (r) => r.mbps) },
        { metric: 'lines lost + duplicated + malformed', unit: '', better: 'lower', values: valuesOf(results, (r) => r.check.lost + r.check.duplicated + r.check.malformed) },
        { metric: 'daemon peak RSS', unit: 'MB', better: 'lower', values: valuesOf(results, (r) => r.peakKb / 1024) },
      ],
    };
  },
};

if (isMain(import.meta.url)) await runStandalone(benchmark, parseArgs(process.argv.slice(2), { megabytes: 200, runs: 1 }));
