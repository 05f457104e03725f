import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runCli, runCliJson } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { startDaemon } from '../helpers/daemon.js';
import { isAlive, waitFor } from '../helpers/wait.js';

describe('svctl basics', () => {
  it('--help lists every command with a description and examples', async (t) => {
    const result = await runCli(['--help'], { home: makeHome(t) });
    assert.equal(result.code, 0);
    for (const command of ['ping', 'daemon <action>', 'config', 'completion']) assert.match(result.stdout, new RegExp(`svctl ${command.replace(/[<>]/g, '.')}\\s+\\S`));
    assert.match(result.stdout, /Examples:/);
    assert.match(result.stdout, /svctl ping --json/);
  });

  it('--version prints the version', async (t) => {
    const result = await runCli(['--version'], { home: makeHome(t) });
    assert.equal(result.code, 0);
    assert.equal(result.stdout.trim(), '0.1.0');
  });

  it('an unknown command is a usage error: exit 2, one-line message, no stack', async (t) => {
    const result = await runCli(['frobnicate'], { home: makeHome(t) });
    assert.equal(result.code, 2);
    assert.equal(result.stderr, 'svctl: unknown command "frobnicate"\nhint: svctl --help lists the commands and options\n');
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });

  it('with --no-autostart and no daemon: exit 3 and a hint', async (t) => {
    const result = await runCli(['ping', '--no-autostart'], { home: makeHome(t) });
    assert.equal(result.code, 3);
    assert.match(result.stderr, /^svctl: no daemon is running for \/tmp\/svctl-/);
    assert.match(result.stderr, /hint: start it with `svctl daemon start`/);
  });

  it('autostarts the daemon in the background, saying so on stderr, and --json prints only JSON', async (t) => {
    const home = makeHome(t);
    const { result, json } = await runCliJson<{ pid: number; home: string; uptime_ms: number; daemon_version: string }>(['ping'], { home });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /starting one in the background/);
    assert.equal(json.home, home);
    assert.ok(isAlive(json.pid));
    assert.equal(json.daemon_version, '0.1.0');
    const again = await runCli(['ping'], { home });
    assert.equal(again.stderr, '');
  });

  it('concurrent CLIs racing to autostart end up with one daemon', async (t) => {
    const home = makeHome(t);
    const results = await Promise.all(Array.from({ length: 6 }, () => runCliJson<{ pid: number }>(['ping'], { home })));
    const pids = new Set(results.map(({ result, json }) => {
      assert.equal(result.code, 0, result.stderr);
      return json.pid;
    }));
    assert.equal(pids.size, 1);
  });

  it('daemon start | status | stop | restart', async (t) => {
    const home = makeHome(t);
    const stopped = await runCli(['daemon', 'status'], { home });
    assert.equal(stopped.code, 3);
    assert.match(stopped.stdout, /daemon not running/);
    const started = await runCliJson<{ started: boolean; pid: number }>(['daemon', 'start'], { home });
    assert.equal(started.json.started, true);
    const status = await runCliJson<{ running: boolean; pid: number }>(['daemon', 'status'], { home });
    assert.deepEqual([status.json.running, status.json.pid], [true, started.json.pid]);
    const again = await runCli(['daemon', 'start'], { home });
    assert.match(again.stdout, new RegExp(`daemon already running \\(pid ${started.json.pid}\\)`));
    const restarted = await runCli(['daemon', 'restart'], { home });
    assert.equal(restarted.code, 0, restarted.stderr);
    assert.ok(!isAlive(started.json.pid));
    const newStatus = await runCliJson<{ pid: number }>(['daemon', 'status'], { home });
    assert.notEqual(newStatus.json.pid, started.json.pid);
    const stop = await runCli(['daemon', 'stop'], { home });
    assert.match(stop.stdout, /daemon stopped/);
    assert.ok(!isAlive(newStatus.json.pid));
    assert.equal(fs.existsSync(path.join(home, 'daemon.sock')), false);
  });

  it('config shows each effective setting and its source, with precedence flag > env > file > default', async (t) => {
    const home = makeHome(t);
    fs.writeFileSync(path.join(home, 'config.json'), JSON.stringify({ timeout: 4000, log_level: 'warn', autostart: false }));
    const { result, json } = await runCliJson<{ settings: Array<{ key: string; value: unknown; source: string; origin: string }> }>(
      ['config', '--timeout', '7000'],
      { home, env: { SVCTL_LOG_LEVEL: 'debug' } },
    );
    assert.equal(result.code, 0, result.stderr);
    const byKey = Object.fromEntries(json.settings.map((s) => [s.key, s]));
    assert.deepEqual([byKey.timeout?.value, byKey.timeout?.source], [7000, 'flag']);
    assert.deepEqual([byKey.log_level?.value, byKey.log_level?.source], ['debug', 'env']);
    assert.deepEqual([byKey.autostart?.value, byKey.autostart?.source, byKey.autostart?.origin], [false, 'file', path.join(home, 'config.json')]);
    assert.deepEqual([byKey.daemon_log_max_files?.value, byKey.daemon_log_max_files?.source], [5, 'default']);
    const text = await runCli(['config'], { home });
    assert.match(text.stdout, /timeout\s+4000\s+\(file: /);
  });

  it('an invalid setting exits 2 naming the setting, the value and where it came from', async (t) => {
    const result = await runCli(['ping'], { home: makeHome(t), env: { SVCTL_TIMEOUT: 'soon' } });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^svctl: invalid value "soon" for setting timeout \(from environment variable SVCTL_TIMEOUT\)/);
  });

  it('completion prints a shell completion script', async (t) => {
    const result = await runCli(['completion'], { home: makeHome(t) });
    assert.equal(result.code, 0);
    assert.match(result.stdout, /complete -o bashdefault -o default -F _svctl_yargs_completions svctl/);
  });

  it('--verbose adds the error code and stack', async (t) => {
    const result = await runCli(['ping', '--no-autostart', '--verbose'], { home: makeHome(t) });
    assert.equal(result.code, 3);
    assert.match(result.stderr, /\[DAEMON_UNREACHABLE\]\n.*SvctlError/);
  });

  it('a daemon of another major protocol version gets a clear error telling how to restart it', async (t) => {
    const home = makeHome(t);
    // A stand-in daemon that speaks protocol 2.x.
    const server = net.createServer((socket) => {
      socket.on('data', (chunk) => {
        for (const line of chunk.toString().split('\n').filter(Boolean)) {
          const request = JSON.parse(line) as { id: number };
          socket.write(`${JSON.stringify({ jsonrpc: '2.0', id: request.id, result: { protocol_version: '2.0.0', daemon_version: '2.3.0', node_version: 'v22', pid: 1 } })}\n`);
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(path.join(home, 'daemon.sock'), resolve));
    t.after(() => server.close());
    const result = await runCli(['ping'], { home });
    assert.equal(result.code, 3);
    assert.match(result.stderr, /svctl: the running daemon \(svctld 2\.3\.0, protocol 2\.0\.0\) is not compatible with this client \(svctl 0\.1\.0, protocol 1\.0\.0\)/);
    assert.match(result.stderr, /hint: restart the daemon with this version: svctl daemon restart/);
  });

  it('a daemon refuses a client of another major protocol version at hello', async (t) => {
    const daemon = await startDaemon(t);
    const socket = net.createConnection(path.join(daemon.home, 'daemon.sock'));
    t.after(() => socket.destroy());
    socket.write(`${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'daemon.hello', params: { protocol_version: '9.0.0', client: { name: 'future', version: '9.9.9' } } })}\n`);
    const reply = await waitFor('hello answer', () => new Promise<string>((resolve) => socket.once('data', (chunk) => resolve(chunk.toString()))));
    const error = (JSON.parse(reply) as { error: { code: number; message: string } }).error;
    assert.equal(error.code, 1002);
    assert.match(error.message, /future 9\.9\.9, protocol 9\.0\.0/);
  });
});
