import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { EventItem } from '@svctl/protocol';
import { isOnline, startOk, waitForInstances, writeAppFile } from '../helpers/apps.js';
import { runCli } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { CLI_BIN, FIXTURES } from '../helpers/paths.js';
import { waitFor } from '../helpers/wait.js';

describe('svctl events', () => {
  it('--json streams the current state of every instance, then live transitions, one object per line', async (t) => {
    const home = makeHome(t);
    const file = writeAppFile(t, { apps: [{ name: 'api', script: path.join(FIXTURES, 'forever.js') }, { name: 'worker', script: path.join(FIXTURES, 'forever.js') }] });
    await startOk([file], { home });
    const [api] = await waitForInstances({ home }, 'api', isOnline, 1);
    await waitForInstances({ home }, 'worker', isOnline, 1);

    const child = spawn(process.execPath, [CLI_BIN, 'events', '--json'], { env: { ...process.env, SVCTL_HOME: home, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    t.after(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const items = () => stdout.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as EventItem);

    const snapshot = await waitFor('the snapshot', () => (items().length >= 2 ? items() : undefined));
    assert.deepEqual(
      snapshot.map((item) => item.type === 'state' && [item.app, item.status, item.pid]),
      [
        ['api', 'online', api?.pid],
        ['worker', 'online', snapshot[1]?.type === 'state' ? snapshot[1].pid : null],
      ],
    );
    assert.equal((await runCli(['restart', 'api'], { home })).code, 0);
    const live = await waitFor('the restart transitions', () => {
      const transitions = items().filter((item) => item.type === 'transition');
      return transitions.some((item) => item.type === 'transition' && item.to === 'online') ? transitions : undefined;
    });
    assert.deepEqual(
      live.map((item) => item.type === 'transition' && [item.app, item.from, item.to]),
      [
        ['api', 'online', 'stopping'],
        ['api', 'stopping', 'stopped'],
        ['api', 'stopped', 'starting'],
        ['api', 'starting', 'online'],
      ],
    );
    assert.deepEqual(live.map((item) => item.type === 'transition' && item.reason), ['user_restart', 'user_restart', 'user_restart', 'spawned']);
    child.kill('SIGINT');
    assert.equal(await exited, 0);
  });

  it('--since 10m --no-follow replays kept transitions and the current states, then exits', async (t) => {
    const home = makeHome(t);
    const file = writeAppFile(t, { apps: [{ name: 'api', script: path.join(FIXTURES, 'forever.js') }] });
    await startOk([file], { home });
    await waitForInstances({ home }, 'api', isOnline, 1);
    const result = await runCli(['events', '--since', '10m', '--no-follow', '--json'], { home, timeoutMs: 15_000 });
    assert.equal(result.code, 0, result.stderr);
    const items = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as EventItem);
    assert.deepEqual(
      items.map((item) => (item.type === 'transition' ? `${item.from}>${item.to}` : item.type === 'state' ? `state ${item.status}` : item.type)),
      ['stopped>starting', 'starting>online', 'state online'],
    );
    const future = await runCli(['events', '--since', 'yesterday-ish', '--no-follow'], { home });
    assert.equal(future.code, 2, 'an unreadable --since is a usage error');
    assert.match(future.stderr, /since/);
  });
});
