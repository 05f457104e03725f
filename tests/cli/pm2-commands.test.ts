// A pm2 user's muscle memory (issue 11, item 2): pm2's ad hoc flags, scale forms, aliases and names.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { AppDescription, InstanceRow } from '@svctl/protocol';
import { isOnline, listInstances, startOk, waitForInstances, writeAppFile } from '../helpers/apps.js';
import { runCli, runCliJson } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { FIXTURES } from '../helpers/paths.js';
import { isAlive, waitFor } from '../helpers/wait.js';

const FOREVER = path.join(FIXTURES, 'forever.js');

/** A folder to run the CLI in (for relative paths such as `-o ./out.log`), removed on cleanup. */
function workDir(t: { after: (fn: () => void) => void }): string {
  const dir = fs.mkdtempSync('/tmp/svctl-cwd-');
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function instanceCount(home: string, app: string): Promise<number> {
  return (await listInstances({ home })).filter((row) => row.app === app).length;
}

describe('pm2 commands and flags', () => {
  it('start app.js -i 2 --name api --max-memory-restart 200M --time -o ./out.log sets those keys; scale +2, -1 and max', async (t) => {
    const home = makeHome(t);
    const cwd = workDir(t);
    const start = await runCli(['start', FOREVER, '-i', '2', '--name', 'api', '--max-memory-restart', '200M', '--time', '-o', './out.log'], { home, cwd });
    assert.equal(start.code, 0, start.stderr);
    // pm2 would run `-i 2` of a node script in cluster mode: svctl says the instances will not share a port.
    assert.match(start.stderr, /warning: api: pm2 would run its 2 instances in cluster mode.*will not share the port/);
    const { json } = await runCliJson<AppDescription[]>(['describe', 'api'], { home });
    const spec = json[0]?.spec;
    assert.equal(spec?.instances, 2);
    assert.equal(spec?.max_memory_restart, 200 * 1024 * 1024);
    assert.equal(spec?.time, true);
    assert.equal(spec?.out_file, path.join(cwd, 'out.log'));

    const plus = await runCli(['scale', 'api', '+2'], { home });
    assert.equal(plus.code, 0, plus.stderr);
    assert.match(plus.stdout, /2 → 4 instances/);
    assert.match(plus.stderr, /will not share the port/);
    assert.equal(await instanceCount(home, 'api'), 4);
    const minus = await runCli(['scale', 'api', '-1'], { home });
    assert.equal(minus.code, 0, minus.stderr);
    assert.equal(await instanceCount(home, 'api'), 3);
    const max = await runCli(['scale', 'api', 'max'], { home });
    assert.equal(max.code, 0, max.stderr);
    assert.equal(await instanceCount(home, 'api'), os.availableParallelism());
    const tooMany = await runCli(['scale', 'api', '-99'], { home });
    assert.equal(tooMany.code, 2);
    assert.match(tooMany.stderr, /^svctl: api has \d+ instance\(s\): cannot remove 99\nhint: /);
  });

  it('each ad hoc flag goes through the app file validation, named once, in kebab-case', async (t) => {
    const home = makeHome(t);
    const bad = await runCli(['start', FOREVER, '--name', 'x', '--max-memory-restart', 'lots'], { home });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /max_memory_restart/);
    const unknown = await runCli(['start', FOREVER, '--max-memry-restart', '2'], { home });
    assert.equal(unknown.code, 2);
    assert.equal(unknown.stderr, 'svctl: start has no option --max-memry-restart\nhint: did you mean --max-memory-restart? (`svctl start --help` lists its options)\n');
    const flags = ['--no-autorestart', '--kill-timeout', '3000', '--restart-delay', '2s', '--max-restarts', '4', '--min-uptime', '500', '--cron', '0 3 * * *', '--merge-logs', '--node-args=--max-old-space-size=64', '--namespace', 'pm2', '--wait-ready', '--listen-timeout', '8000', '--watch', '--ignore-watch', 'node_modules,tmp', '-e', 'err.log', '-l'];
    const started = await runCli(['start', path.join(FIXTURES, 'ready-late.js'), '--name', 'flags', ...flags], { home, cwd: workDir(t) });
    assert.notEqual(started.code, 2, started.stderr);
    const { json } = await runCliJson<AppDescription[]>(['describe', 'flags'], { home });
    const spec = json[0]?.spec;
    assert.equal(spec?.autorestart, false);
    assert.deepEqual(
      [spec?.kill_timeout, spec?.restart_delay, spec?.max_restarts, spec?.min_uptime, spec?.cron_restart, spec?.merge_logs, spec?.namespace, spec?.wait_ready, spec?.listen_timeout, spec?.watch, spec?.ignore_watch, spec?.log_file],
      [3000, 2000, 4, 500, '0 3 * * *', true, 'pm2', true, 8000, true, ['node_modules', 'tmp'], true],
    );
    assert.deepEqual(spec?.interpreter_args, ['--max-old-space-size=64']);
    assert.match(spec?.error_file ?? '', /\/err\.log$/);
  });

  it('jlist, prettylist, desc, info, show, pid, id and env work as their pm2 namesakes', async (t) => {
    const home = makeHome(t);
    await startOk([FOREVER, '--name', 'api', '-i', '2'], { home, env: { API_TOKEN: 'hush' } });
    const rows = await waitForInstances({ home }, 'api', isOnline, 2);
    const jlist = await runCli(['jlist'], { home });
    assert.equal(jlist.code, 0);
    assert.equal(jlist.stdout.trim().split('\n').length, 1, 'jlist is one line');
    assert.deepEqual((JSON.parse(jlist.stdout) as InstanceRow[]).map((row) => row.pid), rows.map((row) => row.pid));
    const pretty = await runCli(['prettylist'], { home });
    assert.deepEqual((JSON.parse(pretty.stdout) as InstanceRow[]).map((row) => row.app), ['api', 'api']);
    assert.ok(pretty.stdout.split('\n').length > 10);
    for (const alias of ['desc', 'info', 'show']) {
      const result = await runCli([alias, 'api'], { home });
      assert.equal(result.code, 0, `${alias}: ${result.stderr}`);
      assert.match(result.stdout, /^api \[id 0, namespace default\]/);
    }
    const pids = await runCli(['pid', 'api'], { home });
    assert.equal(pids.stdout, `${rows.map((row) => row.pid).join('\n')}\n`);
    assert.equal((await runCli(['id', 'api'], { home })).stdout, '0\n');
    const env = await runCli(['env', 'api', '1'], { home });
    assert.equal(env.code, 0, env.stderr);
    assert.match(env.stdout, /^SVCTL_INSTANCE=1$/m);
    assert.match(env.stdout, /^API_TOKEN=\*{8}$/m);
    assert.match((await runCli(['env', 'api', '--show-secrets'], { home })).stdout, /^API_TOKEN=hush$/m);
    const signalled = await runCli(['sendSignal', 'SIGUSR2', 'api'], { home });
    assert.equal(signalled.code, 0, signalled.stderr);
  });

  it('logs --raw prints the lines alone; --nostream never follows', async (t) => {
    const home = makeHome(t);
    await startOk([FOREVER, '--name', 'api'], { home });
    await waitFor('the ready line in the logs', async () => (await runCli(['logs', 'api', '--raw', '--nostream', '--follow'], { home })).stdout.includes('ready'));
    const raw = await runCli(['logs', 'api', '--raw', '--nostream', '--follow'], { home });
    assert.equal(raw.code, 0);
    assert.match(raw.stdout, /^ready$/m);
    assert.doesNotMatch(raw.stdout, /api\|/);
  });

  it('kill says what happens to the apps, then stops them and the daemon', async (t) => {
    const home = makeHome(t);
    await startOk([FOREVER, '--name', 'api'], { home });
    const [row] = await waitForInstances({ home }, 'api', isOnline, 1);
    const daemonPid = Number(fs.readFileSync(path.join(home, 'daemon.pid'), 'utf8'));
    const kill = await runCli(['kill'], { home });
    assert.equal(kill.code, 0, kill.stderr);
    assert.match(kill.stdout, /1 running app\(s\) will be stopped: api\n.*next daemon starts with no apps/);
    assert.match(kill.stdout, /daemon stopped/);
    await waitFor('the app and the daemon to be gone', () => !isAlive(row?.pid ?? 0) && !isAlive(daemonPid));
    const again = await runCli(['kill'], { home });
    assert.equal(again.stdout, 'no daemon running\n');
  });

  it('autostart: false registers the app stopped; start NAME starts it', async (t) => {
    const home = makeHome(t);
    const file = writeAppFile(t, { apps: [{ name: 'lazy', script: FOREVER, autostart: false }, { name: 'eager', script: FOREVER }] });
    const start = await runCli(['start', file], { home });
    assert.equal(start.code, 0, start.stderr);
    assert.doesNotMatch(start.stderr, /autorestart/);
    assert.match(start.stdout, /lazy \[id 0\] registered, not started/);
    await waitForInstances({ home }, 'eager', isOnline, 1);
    const [lazy] = (await listInstances({ home })).filter((row) => row.app === 'lazy');
    assert.equal(lazy?.status, 'stopped');
    assert.equal(lazy?.pid, null);
    assert.equal((await runCli(['start', 'lazy'], { home })).code, 0);
    await waitForInstances({ home }, 'lazy', isOnline, 1);
  });

  it('completion completes app names from a running daemon, and never starts one', async (t) => {
    const home = makeHome(t);
    const none = await runCli(['--get-yargs-completions', 'svctl', 'stop', ''], { home });
    assert.equal(none.stdout, 'all\n');
    assert.ok(!fs.existsSync(path.join(home, 'daemon.pid')), 'no daemon was started');
    await startOk([FOREVER, '--name', 'api-with-a-long-name'], { home });
    const names = await runCli(['--get-yargs-completions', 'svctl', 'stop', 'api'], { home });
    assert.equal(names.stdout, 'api-with-a-long-name\n');
    const commands = await runCli(['--get-yargs-completions', 'svctl', 'sca'], { home });
    assert.equal(commands.stdout, 'scale\n');
  });
});

describe('usage errors: svctl: ... and one hint', () => {
  const cases: Array<[string[], RegExp]> = [
    [[], /^svctl: name a command\nhint: svctl --help lists the commands and options\n$/],
    [['stop'], /^svctl: stop needs <target>\nhint: usage: svctl stop <target>, e.g. `svctl stop api`\n$/],
    [['deploy'], /^svctl: "deploy" is not an svctl command\nhint: pm2 deploy is not built in svctl yet[^\n]*\n$/],
    [['dump'], /^svctl: "dump" is not an svctl command\nhint: use `svctl save` [^\n]*\n$/],
    [['strat', 'api'], /^svctl: unknown command "strat"\nhint: did you mean `svctl start`\? [^\n]*\n$/],
    [['list', '--sort', 'name'], /^svctl: list has no option --sort\nhint: `svctl list` is sorted by id\n$/],
    [['daemon', 'go'], /^svctl: daemon: action must be one of "start", "stop", "status", "restart", not "go"\nhint: [^\n]*\n$/],
  ];
  for (const [args, expected] of cases) {
    it(`svctl ${args.join(' ')}`, async (t) => {
      const result = await runCli([...args, '--no-autostart'], { home: makeHome(t) });
      assert.equal(result.code, 2);
      assert.match(result.stderr, expected);
      assert.doesNotMatch(result.stderr, /Did you mean (del|list|ping)|Not enough non-option/);
    });
  }
});
