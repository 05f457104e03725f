// supervisord driver for the benches: the Debian package `supervisor` (not installed by the bench; see
// supervisordMissing()), started with its own config in a temporary folder (unix_http_server there, no inet
// port) and driven with `supervisorctl -c CONF`. Same shape as createSvctl() in ./apps.mjs, so a bench can
// take any of the three: start(file) reads the same `{ "apps": [...] }` file svctl and pm2 start and writes
// one [program:x] section per app (then `supervisorctl update`); list() returns normalised rows.
//
// Mapping of app keys (what pm2/svctl call them → supervisord): script/args/interpreter → command,
// cwd → directory, env → environment, instances → numprocs, autorestart → autorestart, kill_timeout →
// stopwaitsecs, min_uptime → startsecs, max_restarts → startretries, out_file/error_file → stdout_logfile/
// stderr_logfile (50 MB x 10 backups, as svctl's rotation in the log bench). `programDefaults` set the rest;
// by default startsecs=0, so RUNNING means spawned, as pm2's and svctl's `online` (supervisord's own
// default is 1 s); the crash-loop bench passes supervisord's defaults instead.
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { isAlive, killQuietly, makeTempDir, onInterrupt, run, stopSync, waitFor } from './apps.mjs';

/** null when supervisord and supervisorctl are on the PATH, else a message saying how to install them. */
export function supervisordMissing() {
  const found = ['supervisord', 'supervisorctl'].every((command) => spawnSync(command, ['--version'], { stdio: 'ignore' }).error === undefined);
  return found ? null : 'supervisord is not installed (Debian: `apt-get install supervisor`); its figures are left out of this run';
}

export function supervisordVersion() {
  const result = spawnSync('supervisord', ['--version'], { encoding: 'utf8' });
  return result.error === undefined ? result.stdout.trim() : 'not installed';
}

const STATUS = { RUNNING: 'online', STARTING: 'launching', BACKOFF: 'backoff', STOPPING: 'stopping', STOPPED: 'stopped', EXITED: 'stopped', FATAL: 'errored', UNKNOWN: 'unknown' };

/** `supervisorctl status` lines → rows { name, pid, status }; "group:name" rows keep the process name. */
export function parseStatus(stdout) {
  const rows = [];
  for (const line of stdout.split('\n')) {
    const match = /^(\S+)\s+([A-Z]+)\b(?:\s+pid (\d+))?/.exec(line);
    if (match === null || !(match[2] in STATUS)) continue;
    rows.push({ name: match[1].split(':').at(-1), pid: match[3] === undefined ? null : Number(match[3]), status: STATUS[match[2]], restarts: null });
  }
  return rows;
}

/** A value for the ini file: `%` doubled (supervisord expands %(name)s). */
const ini = (text) => String(text).replace(/%/g, '%%');
const shellQuote = (text) => (/^[\w@%+=:,./-]+$/.test(text) ? text : `'${String(text).replace(/'/g, `'\\''`)}'`);
const seconds = (ms, round) => Math[round](Number(ms) / 1000);

function commandOf(app, dir) {
  const args = (Array.isArray(app.args) ? app.args : app.args === undefined ? [] : [app.args]).map(String);
  const interpreter = app.interpreter === 'none' ? [] : [app.interpreter ?? (app.script.endsWith('.py') ? 'python3' : process.execPath)];
  const words = [...interpreter, app.script, ...args];
  if (words.every((word) => /^[\w@+=:,./-]+$/.test(word))) return words.join(' ');
  // Arguments with spaces or quotes: a one-line wrapper that execs the command (same process, same pid).
  const wrapper = path.join(dir, `${app.name}.sh`);
  fs.writeFileSync(wrapper, `exec ${words.map(shellQuote).join(' ')}\n`);
  return `/bin/sh ${wrapper}`;
}

/** The [program:x] section for one app of an app file. */
export function programSection(app, { dir, logs, defaults }) {
  const settings = { startsecs: 0, ...defaults };
  if (app.min_uptime !== undefined) settings.startsecs = seconds(app.min_uptime, 'floor');
  if (app.max_restarts !== undefined) settings.startretries = app.max_restarts;
  if (app.kill_timeout !== undefined) settings.stopwaitsecs = Math.max(1, seconds(app.kill_timeout, 'ceil'));
  const instances = app.instances ?? 1;
  const lines = [
    `[program:${app.name}]`,
    `command=${ini(commandOf(app, dir))}`,
    `directory=${ini(app.cwd ?? dir)}`,
    'autostart=true',
    `autorestart=${app.autorestart === false ? 'false' : 'true'}`,
    ...Object.entries(settings).map(([key, value]) => `${key}=${value}`),
    `stdout_logfile=${ini(app.out_file ?? path.join(logs, `${app.name}-out.log`))}`,
    `stderr_logfile=${ini(app.error_file ?? path.join(logs, `${app.name}-err.log`))}`,
    'stdout_logfile_maxbytes=50MB',
    'stdout_logfile_backups=10',
  ];
  if (instances > 1) lines.push(`numprocs=${instances}`, 'process_name=%(program_name)s_%(process_num)d');
  const env = Object.entries(app.env ?? {});
  if (env.length > 0) lines.push(`environment=${env.map(([key, value]) => `${key}="${ini(String(value).replace(/"/g, '\\"'))}"`).join(',')}`);
  return `${lines.join('\n')}\n`;
}

export function createSupervisord({ timeoutMs = 120_000, programDefaults = {} } = {}) {
  const home = makeTempDir('/tmp/supd-bench-');
  const programs = path.join(home, 'programs');
  const logs = path.join(home, 'logs');
  fs.mkdirSync(programs);
  fs.mkdirSync(logs);
  const conf = path.join(home, 'supervisord.conf');
  const pidFile = path.join(home, 'supervisord.pid');
  const socket = path.join(home, 'supervisor.sock');
  fs.writeFileSync(
    conf,
    [
      '[unix_http_server]',
      `file=${socket}`,
      'chmod=0700',
      '[supervisord]',
      `logfile=${path.join(home, 'supervisord.log')}`,
      `pidfile=${pidFile}`,
      `childlogdir=${logs}`,
      'loglevel=warn',
      'minfds=8192',
      'minprocs=4096',
      '[rpcinterface:supervisor]',
      'supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface',
      '[supervisorctl]',
      `serverurl=unix://${socket}`,
      '[include]',
      `files = ${programs}/*.conf`,
      '',
    ].join('\n'),
  );
  const env = { ...process.env };
  let pid = null;
  const cli = (...args) => run('supervisorctl', ['-c', conf, ...args], { env, timeoutMs });
  const unregister = onInterrupt(() => stopSync({ command: 'supervisorctl', args: ['-c', conf], commands: [['shutdown']], env, pidFile, home }));

  return {
    name: 'supervisord',
    home,
    env,
    conf,
    socket,
    cli,
    listCommand: ['supervisorctl', ['-c', conf, 'status']],
    /** The cheapest answer supervisord gives: its pid. */
    pingCommand: ['supervisorctl', ['-c', conf, 'pid']],
    async startDaemon() {
      await run('supervisord', ['-c', conf], { env, timeoutMs });
      await waitFor(() => fs.existsSync(socket) && cli('pid').then(() => true), { timeoutMs: 30_000, what: 'supervisord to answer' });
      return this.daemonPid();
    },
    async daemonPid() {
      pid = await waitFor(() => Number.parseInt(fs.readFileSync(pidFile, 'utf8'), 10) || null, { timeoutMs: 10_000, what: 'supervisord.pid' });
      return pid;
    },
    async start(file) {
      const { apps } = JSON.parse(fs.readFileSync(file, 'utf8'));
      for (const app of apps) fs.writeFileSync(path.join(programs, `${app.name}.conf`), programSection(app, { dir: programs, logs, defaults: programDefaults }));
      return cli('update');
    },
    /** `supervisorctl status` exits 3 when some program is not running: the rows are still read. */
    list() {
      return new Promise((resolve, reject) => {
        execFile('supervisorctl', ['-c', conf, 'status'], { env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (error, stdout) => {
          if (error && (error.killed || stdout.trim() === '' || stdout.includes('refused connection'))) reject(new Error(`supervisorctl status: ${error.message}`));
          else resolve(parseStatus(stdout));
        });
      });
    },
    async deleteAll() {
      for (const name of fs.readdirSync(programs)) if (name.endsWith('.conf')) fs.rmSync(path.join(programs, name));
      return cli('update');
    },
    /** Best effort: shutdown (stops the programs), SIGKILL supervisord if it lingers, remove the folder. */
    async cleanup() {
      unregister();
      if (pid === null) {
        try {
          pid = Number.parseInt(fs.readFileSync(pidFile, 'utf8'), 10) || null;
        } catch {
          // never started
        }
      }
      if (pid !== null) {
        await cli('shutdown').catch(() => {});
        await waitFor(() => !isAlive(pid), { timeoutMs: 20_000, what: 'supervisord exit' }).catch(() => killQuietly(pid));
      }
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}
