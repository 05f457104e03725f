import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LogEntry } from '@svctl/protocol';
import { OutputSink } from '../../src/container/output-sink.js';
import { parseRuntimeArgs } from '../../src/container/runtime-args.js';

function capture() {
  const written: string[] = [];
  return { written, write: (text: string) => written.push(text) };
}

const entry = (stream: LogEntry['stream'], msg: string): LogEntry => ({ at: '2026-12-03T09:00:00.000Z', app: 'api', instance: 1, stream, msg });

describe('svctl-runtime output', () => {
  it('prefixes lines with the app name: stdout lines on stdout, stderr lines and svctl markers on stderr', () => {
    const out = capture();
    const err = capture();
    const sink = new OutputSink('prefixed', out, err);
    assert.equal(sink.send({ entries: [entry('out', 'hello'), entry('err', 'oops'), entry('svctl', 'stopped (online -> stopped: crash)')] }), true);
    sink.say('exit code 0');
    assert.deepEqual(out.written, ['api | hello\n']);
    assert.deepEqual(err.written, ['api | oops\n', 'api | svctl: stopped (online -> stopped: crash)\n', 'svctl-runtime: exit code 0\n']);
    let ended = 0;
    sink.onEnd(() => ended++);
    sink.end();
    sink.end();
    assert.equal(ended, 1);
    assert.equal(sink.send({ entries: [entry('out', 'late')] }), false);
  });

  it('writes JSON lines with --json', () => {
    const out = capture();
    const err = capture();
    const sink = new OutputSink('json', out, err);
    sink.send({ entries: [entry('out', 'hello "you"')] });
    sink.say('running');
    assert.deepEqual(JSON.parse(out.written[0] ?? ''), { app: 'api', instance: 1, stream: 'out', time: '2026-12-03T09:00:00.000Z', line: 'hello "you"' });
    assert.deepEqual({ ...JSON.parse(err.written[0] ?? ''), time: 'T' }, { app: null, instance: null, stream: 'svctl', time: 'T', line: 'running' });
  });

  it('reads [FILE] --json --env --only, and refuses two files or an unknown flag', () => {
    assert.deepEqual(parseRuntimeArgs(['apps.json', '--json', '--env', 'production', '--only', 'api, worker']), {
      file: 'apps.json',
      format: 'json',
      envName: 'production',
      only: ['api', 'worker'],
    });
    assert.deepEqual(parseRuntimeArgs([]), { format: 'prefixed' });
    assert.equal(parseRuntimeArgs(['--help']), 'help');
    assert.throws(() => parseRuntimeArgs(['a.json', 'b.json']), { code: 'USAGE' });
    assert.throws(() => parseRuntimeArgs(['--detach']), { code: 'USAGE' });
  });
});
