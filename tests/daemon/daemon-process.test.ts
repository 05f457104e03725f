import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, it } from 'node:test';
import { DAEMON_ENV, DAEMON_NODE_FLAGS } from '@svctl/protocol';
import { runCli, runCliJson } from '../helpers/cli.js';
import { startDaemon } from '../helpers/daemon.js';
import { makeHome } from '../helpers/home.js';
import { DAEMON_BIN } from '../helpers/paths.js';
import { waitFor } from '../helpers/wait.js';

function mode(file: string): number {
  return fs.statSync(file).mode & 0o777;
}

function runDaemonToExit(home: string, args: string[] = []): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [DAEMON_BIN, ...args], { env: { ...process.env, SVCTL_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

function nodeFlagsOf(pid: number): string[] {
  return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((word) => DAEMON_NODE_FLAGS.includes(word) || word.startsWith('--max-'));
}

/** The DAEMON_ENV variables as the process has them. */
function daemonEnvOf(pid: number): Record<string, string> {
  const entries = fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').map((entry) => entry.split('='));
  return Object.fromEntries(entries.filter(([name]) => name !== undefined && name in DAEMON_ENV));
}

describe('svctld process', () => {
  it('runs with the daemon node flags and environment, autostarted by the CLI or run as svctld (its shebang)', async (t) => {
    const { json } = await runCliJson<{ pid: number }>(['ping'], { home: makeHome(t) });
    assert.deepEqual(nodeFlagsOf(json.pid), [...DAEMON_NODE_FLAGS]);
    assert.deepEqual(daemonEnvOf(json.pid), DAEMON_ENV);
    const home = makeHome(t);
    const child = spawn(DAEMON_BIN, [], { env: { ...process.env, SVCTL_HOME: home }, stdio: 'ignore' });
    t.after(() => child.kill('SIGKILL'));
    await waitFor('svctld run by its shebang to answer', async () => (await runCli(['ping', '--no-autostart'], { home })).code === 0);
    assert.deepEqual(nodeFlagsOf(child.pid ?? 0), [...DAEMON_NODE_FLAGS]);
    assert.deepEqual(daemonEnvOf(child.pid ?? 0), DAEMON_ENV);
  });

  it('creates home 0700, socket 0600 and a pid file, and removes socket and pid file on SIGTERM with exit 0', async (t) => {
    const daemon = await startDaemon(t);
    assert.equal(mode(daemon.home), 0o700);
    assert.equal(mode(path.join(daemon.home, 'daemon.sock')), 0o600);
    assert.ok(fs.statSync(path.join(daemon.home, 'daemon.sock')).isSocket());
    assert.equal(fs.readFileSync(path.join(daemon.home, 'daemon.pid'), 'utf8').trim(), String(daemon.pid));
    daemon.child.kill('SIGTERM');
    assert.equal(await daemon.exited, 0);
    assert.equal(fs.existsSync(path.join(daemon.home, 'daemon.sock')), false);
    assert.equal(fs.existsSync(path.join(daemon.home, 'daemon.pid')), false);
  });

  it('tightens an existing home to 0700', async (t) => {
    const home = makeHome(t);
    fs.chmodSync(home, 0o755);
    await startDaemon(t, { home });
    assert.equal(mode(home), 0o700);
  });

  it('refuses a second daemon on the same home with a clear message, leaving the first untouched', async (t) => {
    const first = await startDaemon(t);
    const second = await runDaemonToExit(first.home);
    assert.equal(second.code, 1);
    assert.match(second.output, /another svctld already serves .* \(pid \d+\)/);
    const ping = await runCli(['ping', '--no-autostart'], { home: first.home });
    assert.equal(ping.code, 0, ping.stderr);
    assert.match(ping.stdout, new RegExp(`pid ${first.pid}`));
  });

  it('replaces a stale socket that nobody answers on', async (t) => {
    const home = makeHome(t);
    // Leave a real socket file behind with no listener, as a kill -9 would.
    const socketPath = path.join(home, 'daemon.sock');
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    await new Promise<void>((resolve) => {
      // Closing a listening Unix socket removes its file, so copy the inode to a new name first.
      fs.linkSync(socketPath, `${socketPath}.keep`);
      server.close(() => resolve());
    });
    fs.renameSync(`${socketPath}.keep`, socketPath);
    assert.ok(fs.statSync(socketPath).isSocket());
    const daemon = await startDaemon(t, { home });
    const ping = await runCli(['ping', '--no-autostart'], { home });
    assert.equal(ping.code, 0, ping.stderr);
    assert.match(ping.stdout, new RegExp(`pid ${daemon.pid}`));
  });

  it('writes its own log as JSON lines with levels', async (t) => {
    const daemon = await startDaemon(t, { args: ['--log-level', 'debug'] });
    daemon.child.kill('SIGTERM');
    await daemon.exited;
    const lines = fs.readFileSync(path.join(daemon.home, 'daemon.log'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { level: number; msg: string });
    assert.ok(lines.some((line) => line.msg === 'daemon started' && line.level === 30));
    assert.ok(lines.some((line) => line.msg === 'daemon stopped'));
  });

  it('rejects a bad setting naming it, its value and its source, with exit 2', async (t) => {
    const home = makeHome(t);
    const result = await runDaemonToExit(home, ['--log-level', 'chatty']);
    assert.equal(result.code, 2);
    assert.match(result.output, /invalid value "chatty" for setting log_level \(from flag --log-level\)/);
  });
});

// Switching to another user needs root (CI runs as root); elsewhere the mode bits above are the proof.
const canSwitchUser = process.getuid?.() === 0 && spawnSync('setpriv', ['--version']).status === 0;
if (canSwitchUser) {
  it('refuses clients of another user (setpriv --reuid=65534)', async (t) => {
    const daemon = await startDaemon(t);
    fs.chmodSync(daemon.home, 0o755); // even with the folder opened up, the socket's own 0600 must refuse
    const script = `require('net').createConnection(${JSON.stringify(path.join(daemon.home, 'daemon.sock'))}).on('connect',()=>{console.log('CONNECTED');process.exit(0)}).on('error',(e)=>{console.log(e.code);process.exit(1)})`;
    const result = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', script], { encoding: 'utf8' });
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /EACCES/);
    await waitFor('daemon still answers', async () => (await runCli(['ping', '--no-autostart'], { home: daemon.home })).code === 0);
  });
}
