// Unit.update: an app file that changed only live keys reaches the running instance in place, on the fake OS.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, test } from 'node:test';
import { DEFAULT_RESTART_RULES } from '../../src/lifecycle/policy.js';
import { Unit, type OutputStreams, type RunChecks, type RunSignals, type UnitSpec } from '../../src/lifecycle/unit.js';
import { FakeOs, settle } from '../fakes/fake-os.js';
import { sinkInto } from '../fakes/stream-sink.js';

const SPEC: UnitSpec = { ...DEFAULT_RESTART_RULES, name: 'app', command: ['app'], cwd: '/', env: {}, shell: false, kill_timeout: 1000, stop_signal: 'SIGTERM' };

/** Checks that record what the unit asks of them; `signals` is the run they drive. */
function recordingChecks(awaitsReady = false) {
  const calls: string[] = [];
  let signals: RunSignals | null = null;
  const checks: RunChecks = {
    awaitsReady,
    readyTimeoutMs: 10_000,
    ipc: false,
    begin: (_child, given) => {
      calls.push('begin');
      signals = given;
      return null;
    },
    online: () => calls.push('online'),
    resume: (given) => {
      calls.push('resume');
      signals = given;
    },
    end: () => {
      calls.push('end');
      signals = null;
    },
    summary: () => ({ health: null, checks: [] }),
    health: null,
  };
  return { checks, calls, signals: () => signals };
}

/** Output streams that collect what reaches them, and whether they were ended. */
function collector() {
  const chunks: string[] = [];
  const stdout = new PassThrough();
  const streams: OutputStreams = { stdout: sinkInto(stdout), stderr: sinkInto(new PassThrough().resume()) };
  let ended = false;
  stdout.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  stdout.on('finish', () => (ended = true));
  return { streams, text: () => chunks.join(''), ended: () => ended };
}

function fakeUnit(spec: Partial<UnitSpec>, deps: { checks?: RunChecks; outputs?: Array<ReturnType<typeof collector>> } = {}) {
  const os = new FakeOs();
  const outputs = deps.outputs ?? [];
  let opened = 0;
  const unit = new Unit({ ...SPEC, ...spec }, 0, {
    os,
    onTransition: () => undefined,
    ...(deps.checks === undefined ? {} : { checks: deps.checks }),
    openOutput: () => outputs[opened++]?.streams ?? collector().streams,
  });
  return { os, unit };
}

const statusOf = (unit: Unit) => unit.status;

describe('Unit.update (in place)', () => {
  test('new restart rules apply at the next exit; pid, restarts and unstable counter are kept', async () => {
    const { os, unit } = fakeUnit({ min_uptime: 60_000 });
    await unit.start('user_start');
    os.exit(os.latest(), { code: 1, signal: null });
    await settle();
    await os.advance(os.pendingDelays()[0] ?? 0);
    assert.equal(statusOf(unit), 'online');
    const before = unit.snapshot();
    assert.deepEqual([before.restarts, before.unstable_restarts], [1, 1]);

    unit.update({ ...SPEC, min_uptime: 60_000, autorestart: false }, {});
    const after = unit.snapshot();
    assert.deepEqual([after.pid, after.restarts, after.unstable_restarts, after.status], [before.pid, 1, 1, 'online']);

    os.exit(os.latest(), { code: 1, signal: null });
    await settle();
    assert.equal(statusOf(unit), 'stopped', 'autorestart false, read from the new spec, leaves it stopped');
  });

  test('a new kill_timeout and stop_signal are what the next stop uses', async () => {
    const { os, unit } = fakeUnit({});
    const terminations: Array<[NodeJS.Signals, number]> = [];
    const terminate = os.terminateGroup.bind(os);
    // The fake obeys at once; the unit passes kill_timeout as the seam's third argument.
    os.terminateGroup = (pgid: number, signal: NodeJS.Signals, timeoutMs?: number) => {
      terminations.push([signal, timeoutMs ?? -1]);
      return terminate(pgid, signal);
    };
    await unit.start('user_start');
    unit.update({ ...SPEC, stop_signal: 'SIGINT', kill_timeout: 7000 }, {});
    await unit.stop('user_stop');
    assert.deepEqual(terminations, [['SIGINT', 7000]]);
    assert.equal(statusOf(unit), 'stopped');
  });

  test('new checks take over the online run: the old ones end, the new ones resume and can restart it', async () => {
    const old = recordingChecks();
    const { os, unit } = fakeUnit({}, { checks: old.checks });
    await unit.start('user_start');
    const pid = unit.snapshot().pid;
    const fresh = recordingChecks();

    unit.update(SPEC, { checks: fresh.checks });
    assert.deepEqual([old.calls.at(-1), fresh.calls], ['end', ['resume']]);
    assert.equal(unit.snapshot().pid, pid);

    fresh.signals()?.unhealthy('3 consecutive failures');
    await settle();
    assert.equal(unit.snapshot().reason, 'liveness');
    await os.advance(60_000);
    assert.ok(fresh.calls.includes('begin'), 'the next run begins with the new checks');
  });

  test('checks removed in place: the old ones end and none run after', async () => {
    const old = recordingChecks();
    const { unit } = fakeUnit({}, { checks: old.checks });
    await unit.start('user_start');
    unit.update(SPEC, { checks: null });
    assert.equal(old.calls.at(-1), 'end');
    assert.deepEqual(unit.snapshot().checks, []);
  });

  test('checks cannot change while the instance is starting: refused, nothing changed', async () => {
    const waiting = recordingChecks(true);
    const { unit } = fakeUnit({}, { checks: waiting.checks });
    void unit.start('user_start');
    await settle();
    assert.equal(statusOf(unit), 'starting');
    assert.throws(() => unit.update({ ...SPEC, kill_timeout: 9 }, { checks: null }), { code: 'ALREADY_RUNNING' });
    assert.ok(!waiting.calls.includes('end'));
  });

  test('reopenOutput: the running process writes to the new streams from then on; the old ones are ended', async () => {
    const first = collector();
    const second = collector();
    const { os, unit } = fakeUnit({}, { outputs: [first, second] });
    await unit.start('user_start');
    const child = os.latest();
    child.stdout.write('before\n');
    await settle();

    unit.update(SPEC, { reopenOutput: true });
    child.stdout.write('after\n');
    await settle();
    assert.deepEqual([first.text(), second.text(), first.ended(), second.ended()], ['before\n', 'after\n', true, false]);
    assert.equal(unit.snapshot().restarts, 0);
  });
});
