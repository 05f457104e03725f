// Real children from tests/fixtures: no sleeps, only polling with a deadline or waiting for a line.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { PassThrough } from 'node:stream';
import { describe, test, type TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { isSvctlError, type TransitionEvent } from '@svctl/protocol';
import { DEFAULT_RESTART_RULES } from '../../src/lifecycle/policy.js';
import { Unit, type UnitSpec } from '../../src/lifecycle/unit.js';
import { parseStat } from '../../src/os/procfs.js';
import { realOs } from '../../src/os/real-os.js';
import type { OsSeam } from '../../src/os/seam.js';
import { sinkInto } from '../fakes/stream-sink.js';

const FIXTURES = fileURLToPath(new URL('../../../../tests/fixtures/', import.meta.url));

function specFor(script: string, overrides: Partial<UnitSpec> = {}): UnitSpec {
  return {
    ...DEFAULT_RESTART_RULES,
    name: 'app',
    command: [process.execPath, path.join(FIXTURES, script)],
    cwd: FIXTURES,
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' },
    shell: false,
    kill_timeout: 5000,
    stop_signal: 'SIGTERM',
    ...overrides,
  };
}

/** A unit wired to the real OS, its stdout readable line by line, stopped when the test ends. */
function supervise(t: TestContext, spec: UnitSpec, os: OsSeam = realOs) {
  const transitions: TransitionEvent[] = [];
  const stdout = new PassThrough();
  const lines = createInterface({ input: stdout })[Symbol.asyncIterator]();
  const unit = new Unit(spec, 0, {
    os,
    onTransition: (event) => transitions.push(event),
    openOutput: () => ({ stdout: sinkInto(stdout), stderr: sinkInto(new PassThrough().resume()) }),
  });
  t.after(async () => {
    await unit.stop('user_stop');
    unit.dispose();
  });
  const nextLine = async (timeoutMs = 5000): Promise<string> => {
    const line = await withDeadline(lines.next(), timeoutMs, 'a line on stdout');
    assert.equal(line.done, false);
    return String(line.value);
  };
  const moves = () => transitions.map((event) => `${event.from}>${event.to}`);
  return { unit, transitions, moves, nextLine };
}

async function withDeadline<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${timeoutMs}ms`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function pollUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: not true within ${timeoutMs}ms`);
    await sleep(20);
  }
}

/** Gone, or a zombie that is not ours to reap (orphans go to init, which may never reap them). */
function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
  try {
    const stat = parseStat(pid, readFileSync(`/proc/${pid}/stat`, 'utf8'));
    return stat?.state === 'Z' && stat.ppid !== process.pid;
  } catch {
    return true;
  }
}

function livePid(unit: Unit): number {
  const { pid } = unit.snapshot();
  assert.ok(pid !== null, `expected a pid, status ${unit.status}`);
  return pid;
}

describe('Unit with real children', () => {
  test('start: online with the pid of a live child', async (t) => {
    const { unit, moves, nextLine } = supervise(t, specFor('forever.js'));
    await unit.start('user_start');
    assert.equal(await nextLine(), 'ready');
    const snapshot = unit.snapshot();
    assert.equal(snapshot.status, 'online');
    assert.ok(!isGone(livePid(unit)));
    assert.deepEqual([snapshot.reason, snapshot.detail], ['spawned', `pid ${snapshot.pid}`]);
    assert.deepEqual(moves(), ['stopped>starting', 'starting>online']);
  });

  test('kill -9: restarted with a new pid, restarts = 1', async (t) => {
    const { unit, transitions, nextLine } = supervise(t, specFor('forever.js'));
    await unit.start('user_start');
    await nextLine();
    const first = livePid(unit);
    process.kill(first, 'SIGKILL');
    await pollUntil(() => unit.status === 'online' && unit.snapshot().pid !== first, 5000, 'back online with a new pid');
    await nextLine();
    const snapshot = unit.snapshot();
    assert.equal(snapshot.restarts, 1);
    assert.equal(snapshot.signal, 'SIGKILL');
    assert.ok(transitions.some((event) => event.reason === 'crash' && event.detail === 'killed by SIGKILL; restart in 0ms'));
  });

  test('crash loop: restarts with growing delays, then errored', async (t) => {
    const { unit, transitions } = supervise(t, specFor('crash.js', { max_restarts: 3, min_uptime: 5000 }));
    await unit.start('user_start');
    await unit.waitFor('errored', 10_000);
    const delays = transitions.flatMap((event) => (event.to === 'waiting' ? [Number(/restart in (\d+)ms/.exec(event.detail)?.[1])] : []));
    assert.deepEqual(delays, [0, 100, 150]);
    const snapshot = unit.snapshot();
    assert.equal(snapshot.restarts, 3);
    assert.equal(snapshot.exit_code, 1);
    assert.equal(snapshot.pid, null);
    assert.equal(snapshot.reason, 'crash');
    assert.match(snapshot.detail, /^exit code 1; too many unstable restarts \(3 within \d+\.\ds/);
  });

  test('stop: a group ignoring SIGTERM is killed after kill_timeout, child and grandchild', async (t) => {
    const { unit, nextLine } = supervise(t, specFor('ignore-sigterm.js', { kill_timeout: 1000 }));
    await unit.start('user_start');
    const { pid, grandchild } = JSON.parse(await nextLine()) as { pid: number; grandchild: number };
    const began = Date.now();
    await unit.stop('user_stop');
    const tookMs = Date.now() - began;
    assert.ok(tookMs >= 950 && tookMs < 3000, `stop took ${tookMs}ms`);
    assert.equal(unit.status, 'stopped');
    assert.ok(isGone(pid), 'child still alive');
    assert.ok(isGone(grandchild), 'grandchild still alive');
    assert.deepEqual([unit.snapshot().reason, unit.snapshot().detail], ['user_stop', 'killed by SIGKILL, group killed with SIGKILL after kill_timeout 1000ms']);
  });

  test('regression process-compose#520: the leader exits on SIGTERM, the grandchild ignoring it still gets SIGKILL', async (t) => {
    const { unit, nextLine } = supervise(t, specFor('ignore-sigterm.js', { kill_timeout: 1000, command: [process.execPath, path.join(FIXTURES, 'ignore-sigterm.js'), 'leader-obeys'] }));
    await unit.start('user_start');
    const { pid, grandchild } = JSON.parse(await nextLine()) as { pid: number; grandchild: number };
    const began = Date.now();
    await unit.stop('user_stop');
    assert.ok(Date.now() - began >= 950, 'SIGKILL came before kill_timeout');
    assert.ok(isGone(pid), 'child still alive');
    assert.ok(isGone(grandchild), 'grandchild still alive');
    assert.deepEqual([unit.snapshot().reason, unit.snapshot().detail], ['user_stop', 'exit code 0, group killed with SIGKILL after kill_timeout 1000ms']);
  });

  test('stop while waiting cancels the pending restart at once', async (t) => {
    const restartTimers = new Set<unknown>();
    const os: OsSeam = {
      ...realOs,
      setTimeout: (callback, delayMs) => {
        const handle = realOs.setTimeout(callback, delayMs);
        if (delayMs === 60_000) restartTimers.add(handle);
        return handle;
      },
      clearTimeout: (handle) => {
        restartTimers.delete(handle);
        realOs.clearTimeout(handle);
      },
    };
    const { unit, transitions } = supervise(t, specFor('crash.js', { restart_delay: 60_000 }), os);
    await unit.start('user_start');
    await unit.waitFor('waiting', 5000);
    assert.equal(restartTimers.size, 1);
    await unit.stop('user_stop');
    assert.equal(unit.status, 'stopped');
    assert.equal(restartTimers.size, 0);
    assert.equal(unit.snapshot().restarts, 0);
    assert.deepEqual(transitions.at(-1), { ...transitions.at(-1), from: 'waiting', to: 'stopped', reason: 'user_stop' });
  });

  test('user restart: new pid, restarts counted, old group gone', async (t) => {
    const { unit, moves, nextLine } = supervise(t, specFor('forever.js'));
    await unit.start('user_start');
    await nextLine();
    const first = livePid(unit);
    await unit.restart('user_restart', '');
    await nextLine();
    assert.notEqual(livePid(unit), first);
    assert.ok(isGone(first));
    assert.equal(unit.snapshot().restarts, 1);
    assert.deepEqual(moves().slice(2), ['online>stopping', 'stopping>stopped', 'stopped>starting', 'starting>online']);
  });
});

describe('Unit: spawn failures end in errored with the OS reason, no restart', () => {
  const missingCwd = '/nonexistent-svctl-cwd';
  const cases: { name: string; overrides: Partial<UnitSpec>; reason: RegExp }[] = [
    { name: 'bad cwd', overrides: { cwd: missingCwd }, reason: /^cwd \/nonexistent-svctl-cwd does not exist$/ },
    { name: 'missing script', overrides: { command: [process.execPath, 'missing.js'] }, reason: /^script \/.*\/missing\.js not found$/ },
    { name: 'command not in PATH', overrides: { command: ['svctl-no-such-command'] }, reason: /^spawn ENOENT: svctl-no-such-command not found in PATH/ },
    { name: 'missing executable', overrides: { command: ['/nonexistent/bin/app'] }, reason: /^spawn ENOENT: \/nonexistent\/bin\/app not found$/ },
    { name: 'not executable', overrides: { command: [path.join(FIXTURES, 'crash.js')] }, reason: /^spawn EACCES: .*crash\.js is not executable$/ },
  ];
  for (const c of cases) {
    test(c.name, async (t) => {
      const { unit, moves } = supervise(t, specFor('forever.js', c.overrides));
      await unit.start('user_start');
      assert.equal(unit.status, 'errored');
      assert.equal(unit.snapshot().reason, 'spawn_failed');
      assert.match(unit.snapshot().detail, c.reason);
      assert.deepEqual(moves(), ['stopped>starting', 'starting>errored']);
      assert.equal(unit.snapshot().restarts, 0);
    });
  }
});

describe('Unit: user errors', () => {
  test('signal: unknown signal, and not running', (t) => {
    const { unit } = supervise(t, specFor('forever.js'));
    assert.throws(() => unit.signal('SIGNOPE'), (error) => isSvctlError(error) && error.code === 'INVALID_SIGNAL');
    assert.throws(() => unit.signal('TERM'), (error) => isSvctlError(error) && error.code === 'NOT_RUNNING');
  });

  test('start while online is ALREADY_RUNNING', async (t) => {
    const { unit } = supervise(t, specFor('forever.js'));
    await unit.start('user_start');
    await assert.rejects(unit.start('user_start'), (error) => isSvctlError(error) && error.code === 'ALREADY_RUNNING');
  });
});
