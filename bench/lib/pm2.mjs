// pm2 driver for the supervise-* benches: installs pm2 7.x once into bench/.cache/pm2 (not tracked
// by git) and runs it with a private PM2_HOME, so the user's ~/.pm2 and any running pm2 are never
// touched. Same shape as createSvctl() in ./apps.mjs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { isAlive, killQuietly, makeTempDir, onInterrupt, parseCliJson, root, run, stopSync, waitFor } from './apps.mjs';

const cacheDir = path.join(root, 'bench', '.cache');
const prefix = path.join(cacheDir, 'pm2');
const pm2Bin = path.join(prefix, 'node_modules', 'pm2', 'bin', 'pm2');

/** Returns the path of the pm2 CLI script, installing pm2@7 on first use. */
export function ensurePm2() {
  fs.mkdirSync(prefix, { recursive: true });
  // The cache ignores itself, so nothing here can be committed by accident.
  const ignore = path.join(cacheDir, '.gitignore');
  if (!fs.existsSync(ignore)) fs.writeFileSync(ignore, '*\n');
  if (!fs.existsSync(pm2Bin)) {
    console.error(`installing pm2@7 into ${prefix} (first run only)...`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const result = spawnSync(npm, ['install', '--prefix', prefix, 'pm2@7', '--no-audit', '--no-fund', '--no-save'], {
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: 300_000,
    });
    if (result.status !== 0 || !fs.existsSync(pm2Bin)) throw new Error(`npm install pm2@7 failed (status ${result.status})`);
  }
  return pm2Bin;
}

export function pm2Version() {
  return JSON.parse(fs.readFileSync(path.join(prefix, 'node_modules', 'pm2', 'package.json'), 'utf8')).version;
}

export function createPm2({ timeoutMs = 120_000 } = {}) {
  const bin = ensurePm2();
  // Short path: pm2 puts its rpc/pub sockets in PM2_HOME (unix socket paths are limited to ~107 bytes).
  const home = makeTempDir('/tmp/pm2-bench-');
  const env = { ...process.env, PM2_HOME: home, PM2_DISCRETE_MODE: 'true', NO_COLOR: '1', FORCE_COLOR: '0' };
  delete env.PM2_API_PORT;
  let pid = null;
  const cli = (...args) => run(process.execPath, [bin, ...args], { env, timeoutMs });
  const unregister = onInterrupt(() =>
    stopSync({ command: process.execPath, args: [bin], commands: [['kill']], env, pidFile: path.join(home, 'pm2.pid'), home }),
  );

  return {
    name: 'pm2',
    home,
    env,
    cli,
    listCommand: [process.execPath, [bin, 'ls']],
    pingCommand: [process.execPath, [bin, 'ping']],
    /** `pm2 ping` spawns the God daemon when none runs for this PM2_HOME. */
    async startDaemon() {
      await cli('ping');
      return this.daemonPid();
    },
    async daemonPid() {
      pid = await waitFor(() => Number.parseInt(fs.readFileSync(path.join(home, 'pm2.pid'), 'utf8'), 10) || null, {
        timeoutMs: 10_000,
        what: 'pm2.pid',
      });
      return pid;
    },
    start: (file) => cli('start', file),
    async list() {
      const { stdout } = await cli('jlist');
      return parseCliJson(stdout).map((row) => ({
        name: row.name,
        pid: row.pid > 0 ? row.pid : null,
        status: row.pm2_env?.status,
        restarts: row.pm2_env?.restart_time,
      }));
    },
    deleteAll: () => cli('delete', 'all'),
    /** Best effort: `pm2 kill` (stops apps and daemon), SIGKILL the daemon if it lingers, remove PM2_HOME. */
    async cleanup() {
      unregister();
      if (pid === null) {
        try {
          pid = Number.parseInt(fs.readFileSync(path.join(home, 'pm2.pid'), 'utf8'), 10) || null;
        } catch {
          // never started
        }
      }
      await cli('kill').catch((error) => console.error(`pm2 kill failed: ${error.message}`));
      if (pid !== null) {
        await waitFor(() => !isAlive(pid), { timeoutMs: 5000, what: 'pm2 daemon exit' }).catch(() => killQuietly(pid));
      }
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}
