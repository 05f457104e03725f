// Shared helpers for the supervise-* benches: generating app files, polling a supervisor until its
// apps are online, reading the daemon's RSS, and a small driver for the built svctl CLI.
// The pm2 driver lives in ./pm2.mjs and exposes the same shape:
//   { name, home, env, cli(...args), listCommand, pingCommand, startDaemon(), daemonPid(), start(file), list(), deleteAll(), cleanup() }
// where list() returns normalised rows { name, pid, status, restarts } (pid null when not running).
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const svctlCli = path.join(root, 'packages/cli/bin/svctl.cjs');

// ---------------------------------------------------------------------------------------------
// Small utilities

/** True when the module at `url` is the script node was asked to run (`node bench/x.mjs`), not an import. */
export const isMain = (url) => process.argv[1] !== undefined && url === pathToFileURL(path.resolve(process.argv[1])).href;

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const sleepCell = new Int32Array(new SharedArrayBuffer(4));
/** Blocks the thread for `ms` without spinning (sub-millisecond precision, unlike setTimeout). */
export function sleepSync(ms) {
  Atomics.wait(sleepCell, 0, 0, ms);
}

export const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

export function makeTempDir(prefix = '/tmp/svctl-bench-') {
  return fs.mkdtempSync(prefix);
}

/** Runs a command asynchronously with a timeout; rejects with stderr on a non-zero exit. */
export function run(command, args, { env, timeoutMs = 60_000, cwd } = {}) {
  return new Promise((resolve, reject) => {
    execFile(command, args, { env, cwd, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) {
        const why = error.killed ? `timed out after ${timeoutMs} ms` : `exit ${error.code ?? error.signal}`;
        reject(new Error(`${path.basename(command)} ${args.join(' ')}: ${why}\n${String(stderr).trim() || String(stdout).trim()}`.trim()));
      } else resolve({ stdout, stderr });
    });
  });
}

/** Parses JSON printed by a CLI, skipping any banner/warning lines before the first `[` or `{`. */
export function parseCliJson(stdout) {
  const start = stdout.search(/^[[{]/m);
  if (start === -1) throw new Error(`no JSON in output: ${stdout.slice(0, 200)}`);
  return JSON.parse(stdout.slice(start));
}

export function isAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Sends a signal to a pid we started, ignoring "no such process". */
export function killQuietly(pid, signal = 'SIGKILL') {
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/** Polls `check` (async, returns a truthy value when done) every `intervalMs` until `timeoutMs`. */
export async function waitFor(check, { timeoutMs = 60_000, intervalMs = 20, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${lastError.message})` : ''}`);
    }
    await sleep(intervalMs);
  }
}

// ---------------------------------------------------------------------------------------------
// Clean-up on Ctrl-C / SIGTERM: try/finally does not run when a signal ends the process, so
// anything that must not outlive the bench registers a synchronous clean-up here.

const interruptCleanups = new Set();
let interruptHooked = false;

/** Registers `fn` (synchronous) to run on SIGINT/SIGTERM; returns a function that unregisters it. */
export function onInterrupt(fn) {
  if (!interruptHooked) {
    interruptHooked = true;
    for (const signal of ['SIGINT', 'SIGTERM']) {
      process.on(signal, () => {
        console.error(`\n${signal}: cleaning up...`);
        for (const cleanup of [...interruptCleanups].reverse()) {
          try {
            cleanup();
          } catch (error) {
            console.error(`clean-up failed: ${error.message}`);
          }
        }
        process.exit(130);
      });
    }
  }
  interruptCleanups.add(fn);
  return () => interruptCleanups.delete(fn);
}

/** Temp dir holding generated apps; removed (and its apps' pids killed) on interrupt too. */
export function makeAppsDir() {
  const dir = makeTempDir('/tmp/svctl-bench-apps-');
  const marker = path.join(dir, 'started.pids');
  const unregister = onInterrupt(() => {
    reapMarkerPids(marker);
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir,
    dispose() {
      unregister();
      reapMarkerPids(marker);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Synchronous stop used on interrupt: run the CLI commands, SIGKILL the daemon, remove the home. */
export function stopSync({ command, args, commands, env, pidFile, home }) {
  for (const extra of commands) spawnSync(command, [...args, ...extra], { env, stdio: 'ignore', timeout: 15_000 });
  try {
    killQuietly(Number.parseInt(fs.readFileSync(pidFile, 'utf8'), 10));
  } catch {
    // no pid file
  }
  fs.rmSync(home, { recursive: true, force: true });
}

/** A `sleep` argument no one else uses (GNU sleep takes a fraction): apps that sleep on it can be found and reaped. */
export const uniqueSleep = () => `100000.${process.pid}`;

/**
 * SIGKILLs every process whose command line holds `arg` (a uniqueSleep() of this run), so that apps a supervisor
 * could not stop in time, or left behind when it was killed, do not outlive the bench; no one else's is touched.
 */
export function reapByArg(arg) {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(arg)) killQuietly(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
}

// ---------------------------------------------------------------------------------------------
// /proc readings

/**
 * CPU time (ms) all threads of `pid` have run so far, from /proc/<pid>/task/<tid>/schedstat (nanoseconds, so far
 * finer than the 10 ms ticks of /proc/<pid>/stat); null when the process is gone.
 */
export function cpuTimeMs(pid) {
  try {
    let ns = 0;
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      try {
        ns += Number(fs.readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        // the thread ended meanwhile
      }
    }
    return ns / 1e6;
  } catch {
    return null;
  }
}

/** VmRSS of one process (not its children), in KiB; null when the process is gone. */
export function readRssKb(pid) {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** { rss, anon, file } in KiB from /proc/<pid>/status (file = mapped files such as the node binary). */
export function readRssBreakdownKb(pid) {
  try {
    const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+)\\s+kB`, 'm').exec(text)?.[1] ?? NaN);
    return { rss: field('VmRSS'), anon: field('RssAnon'), file: field('RssFile') };
  } catch {
    return null;
  }
}

/**
 * RSS once it has stopped moving: samples every 250 ms and returns when the last 5 samples (1 s)
 * differ by at most 2% (or 512 KiB), or after `maxMs` regardless (the reading is then flagged).
 * This replaces a bare sleep; a garbage-collected runtime never becomes perfectly flat, so the
 * tolerance is what "settled" means here.
 */
export async function settledRssKb(pid, { maxMs = 8000 } = {}) {
  const samples = [];
  const deadline = Date.now() + maxMs;
  for (;;) {
    const kb = readRssKb(pid);
    if (kb === null) throw new Error(`process ${pid} is gone`);
    samples.push(kb);
    const last = samples.slice(-5);
    if (last.length === 5) {
      const spread = Math.max(...last) - Math.min(...last);
      if (spread <= Math.max(512, 0.02 * kb)) return { kb, settled: true };
    }
    if (Date.now() > deadline) return { kb, settled: false };
    await sleep(250);
  }
}

/** How long a daemon is left idle before its idle RSS is read: a Node daemon keeps what a burst left (garbage,
 * half-empty heap pages, a grown young generation) until V8's memory reducer runs, 8 s after its last full GC. */
export const IDLE_MS = 10_000;

/** RSS once `pid` has been idle IDLE_MS since `sinceMs` (a nowMs() reading taken when its last burst ended), then settled. */
export async function idleRssKb(pid, sinceMs) {
  const left = sinceMs + IDLE_MS - nowMs();
  if (left > 0) await sleep(left);
  return settledRssKb(pid);
}

/** Direct children of `pid` (all threads), from /proc/<pid>/task/<tid>/children, else by scanning /proc. */
export function childPids(pid) {
  const result = new Set();
  let tasks;
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return result;
  }
  try {
    for (const tid of tasks) {
      for (const child of fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ')) {
        if (child.trim() !== '') result.add(Number(child));
      }
    }
    return result;
  } catch {
    // Kernel without CONFIG_PROC_CHILDREN: fall back to parent pids from /proc/*/stat.
  }
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    if (parentPid(Number(entry)) === pid) result.add(Number(entry));
  }
  return result;
}

export function parentPid(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 4, after the parenthesised command name (which may itself contain spaces or parens).
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/** True when `ancestor` is `pid` or one of its ancestors. */
export function isAncestor(ancestor, pid) {
  for (let current = pid, hops = 0; current && current > 1 && hops < 32; current = parentPid(current), hops++) {
    if (current === ancestor) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// App files

/**
 * Writes a tiny idle Node app into `dir` (CommonJS: /tmp has no "type": "module" package.json).
 * On start it appends its pid to $BENCH_MARKER (one short O_APPEND write, atomic), so a bench can
 * see processes come up without asking the supervisor.
 */
export function writeIdleApp(dir) {
  const script = path.join(dir, 'idle.js');
  fs.writeFileSync(
    script,
    [
      "'use strict';",
      "if (process.env.BENCH_MARKER) require('fs').appendFileSync(process.env.BENCH_MARKER, process.pid + '\\n');",
      'setInterval(() => {}, 1e9);',
      '',
    ].join('\n'),
  );
  return script;
}

/**
 * Writes `{ "apps": [...] }` with `count` idle apps (fork mode, one instance each) that both svctl
 * and pm2 accept. `extra` is merged into every app. Returns { file, marker, script }.
 */
export function writeAppFile(dir, { count, prefix = 'idle', extra = {}, fileName = 'apps.json' }) {
  const script = writeIdleApp(dir);
  const marker = path.join(dir, 'started.pids');
  fs.writeFileSync(marker, '');
  const apps = [];
  for (let i = 0; i < count; i++) {
    apps.push({
      name: count === 1 ? prefix : `${prefix}-${i}`,
      script,
      cwd: dir,
      exec_mode: 'fork',
      autorestart: true,
      env: { BENCH_MARKER: marker },
      ...extra,
    });
  }
  const file = path.join(dir, fileName);
  fs.writeFileSync(file, JSON.stringify({ apps }, null, 2));
  return { file, marker, script };
}

/** Pids the idle apps wrote to the marker file, in start order. */
export function readMarkerPids(marker) {
  try {
    return fs
      .readFileSync(marker, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map(Number);
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------------------------------------
// Supervisor-neutral waits

/** Polls `supervisor.list()` until `count` apps are online with a live pid; returns the rows. */
export function waitAllOnline(supervisor, count, { timeoutMs = 180_000, intervalMs = 20 } = {}) {
  return waitFor(
    async () => {
      const rows = await supervisor.list();
      const online = rows.filter((row) => row.status === 'online' && Number.isInteger(row.pid) && row.pid > 0);
      return online.length >= count ? rows : null;
    },
    { timeoutMs, intervalMs, what: `${count} apps online in ${supervisor.name}` },
  );
}

// ---------------------------------------------------------------------------------------------
// svctl driver (the built CLI, a fresh SVCTL_HOME per instance)

export function createSvctl({ timeoutMs = 60_000 } = {}) {
  const home = makeTempDir('/tmp/svctl-bench-');
  const env = { ...process.env, SVCTL_HOME: home, NO_COLOR: '1' };
  let pid = null;
  const cli = (...args) => run(process.execPath, [svctlCli, ...args], { env, timeoutMs });
  const unregister = onInterrupt(() =>
    stopSync({ command: process.execPath, args: [svctlCli], commands: [['delete', 'all'], ['daemon', 'stop']], env, pidFile: path.join(home, 'daemon.pid'), home }),
  );

  return {
    name: 'svctl',
    home,
    env,
    cli,
    /** The command lines users type to list the apps and to ping the daemon, for timing whole processes. */
    listCommand: [process.execPath, [svctlCli, 'list']],
    pingCommand: [process.execPath, [svctlCli, 'ping']],
    async startDaemon() {
      await cli('daemon', 'start');
      return this.daemonPid();
    },
    async daemonPid() {
      const { stdout } = await cli('ping', '--json');
      pid = parseCliJson(stdout).pid;
      return pid;
    },
    start: (file) => cli('start', file),
    async list() {
      const { stdout } = await cli('list', '--json');
      return parseCliJson(stdout).map((row) => ({ name: row.app, pid: row.pid ?? null, status: row.status, restarts: row.restarts }));
    },
    deleteAll: () => cli('delete', 'all'),
    /** Best effort: delete apps, stop the daemon, SIGKILL it if it lingers, remove the home. */
    async cleanup() {
      unregister();
      if (pid === null) {
        try {
          const text = fs.readFileSync(path.join(home, 'daemon.pid'), 'utf8');
          pid = Number.parseInt(text, 10) || null;
        } catch {
          // no pid file: the daemon probably never started
        }
      }
      await cli('delete', 'all').catch(() => {});
      await cli('daemon', 'stop').catch(() => {});
      if (pid !== null) {
        await waitFor(() => !isAlive(pid), { timeoutMs: 5000, what: 'svctl daemon exit' }).catch(() => killQuietly(pid));
      }
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Kills any marker-listed app pids still alive (ours; used only if a supervisor failed to clean up). */
export function reapMarkerPids(marker) {
  let reaped = 0;
  for (const pid of readMarkerPids(marker)) {
    if (isAlive(pid)) {
      killQuietly(pid);
      reaped++;
    }
  }
  return reaped;
}

// ---------------------------------------------------------------------------------------------
// Output

export function printTable(title, rows) {
  const header = ['metric', 'svctl', 'pm2', 'target', 'verdict'];
  const cells = [header, ...rows.map((row) => header.map((key) => String(row[key] ?? '')))];
  const widths = header.map((_, column) => Math.max(...cells.map((line) => line[column].length)));
  console.log(`\n${title}`);
  cells.forEach((line, index) => {
    console.log(line.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd());
    if (index === 0) console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  });
}

export const mb = (kb) => (kb == null ? 'n/a' : `${(kb / 1024).toFixed(1)} MB`);
export const ms = (value) => (value == null ? 'n/a' : `${value.toFixed(value < 10 ? 2 : 0)} ms`);

/** Verdict helper: 'met' / 'MISSED' / 'n/a' when an input is missing. */
export function verdict(ok) {
  if (ok === null || ok === undefined) return 'n/a';
  return ok ? 'met' : 'MISSED';
}

/** Parses `--only=svctl|pm2` and positional numbers from argv. */
export function parseArgs(argv, defaults) {
  const options = { ...defaults, only: null };
  const positional = [];
  for (const arg of argv) {
    if (arg.startsWith('--only=')) options.only = arg.slice('--only='.length);
    else positional.push(arg);
  }
  Object.keys(defaults).forEach((key, index) => {
    if (positional[index] !== undefined) options[key] = Number(positional[index]);
  });
  return options;
}
