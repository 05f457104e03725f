// Regression tests for issue 10 item 5: a command line went through /bin/sh -c twice
// (`/bin/sh -c /bin/sh -c echo one two three; sleep 30`) and logged an empty line. Every form of
// shell mode, and its absence, runs the command exactly as written.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { isOnline, startOk, waitForInstances, writeAppFile } from '../helpers/apps.js';
import { runCliJson } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { waitFor } from '../helpers/wait.js';

interface Described {
  spec: { command: string[]; shell: boolean };
  log_files: { out: string };
}

/** Starts the one app of `entry` and waits until its stdout log holds `line`. */
async function runAndAwaitLine(t: TestContext, entry: Record<string, unknown>, line: string, files: Record<string, string> = {}): Promise<{ home: string; spec: Described['spec'] }> {
  const home = makeHome(t);
  const file = writeAppFile(t, { apps: [{ ...entry, name: 'sh-app' }] });
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(path.dirname(file), name), content, { mode: 0o755 });
  await startOk([file], { home });
  const [described] = (await runCliJson<Described[]>(['describe', 'sh-app'], { home })).json;
  assert.ok(described !== undefined);
  const out = described.log_files.out;
  await waitFor(`"${line}" in ${out}`, () => fs.existsSync(out) && fs.readFileSync(out, 'utf8').split('\n').includes(line), { timeoutMs: 30_000 });
  return { home, spec: described.spec };
}

/** The argv of the app's online instance, as /proc shows it. */
async function onlineArgv(home: string): Promise<string[]> {
  const [row] = await waitForInstances({ home }, 'sh-app', isOnline, 1);
  return fs.readFileSync(`/proc/${row?.pid}/cmdline`, 'utf8').split('\0').filter((word) => word !== '');
}

describe('shell mode runs the command once, as written', () => {
  it('a script with spaces ("echo one two three; sleep 30") logs "one two three" through one /bin/sh -c', async (t) => {
    const script = 'echo one two three; sleep 30';
    const { home, spec } = await runAndAwaitLine(t, { script }, 'one two three');
    assert.deepEqual(spec.command, ['/bin/sh', '-c', script]);
    assert.deepEqual(await onlineArgv(home), ['/bin/sh', '-c', script]);
  });

  it('an `npm start` script runs the package\'s start script', async (t) => {
    const pkg = JSON.stringify({ name: 'npm-app', version: '1.0.0', scripts: { start: 'echo started by npm && exec sleep 30' } });
    const { spec } = await runAndAwaitLine(t, { script: 'npm start' }, 'started by npm', { 'package.json': pkg });
    assert.deepEqual(spec.command, ['/bin/sh', '-c', 'npm start']);
  });

  it('shell: true with args: each argument quoted onto the line, so the shell expands nothing in them', async (t) => {
    const args = ['%s|%s\\n', 'a b', '$HOME'];
    const { spec } = await runAndAwaitLine(t, { script: 'printf', args, shell: true, autorestart: false }, 'a b|$HOME');
    assert.deepEqual(spec.command, ['/bin/sh', '-c', "printf '%s|%s\\n' 'a b' '$HOME'"]);
  });

  it('shell: true keeps the shell features of a plain script line (a variable, a pipe)', async (t) => {
    await runAndAwaitLine(t, { script: 'echo "$SVCTL_APP_NAME" | tr a-z A-Z; sleep 30', env: {} }, 'SH-APP');
  });

  it('interpreter none runs an executable directly with its args, no shell in between', async (t) => {
    const run = '#!/bin/sh\necho "arg=[$1]"\nexec sleep 30\n';
    const { home, spec } = await runAndAwaitLine(t, { script: './run.sh', interpreter: 'none', args: ['x y'] }, 'arg=[x y]', { 'run.sh': run });
    assert.equal(spec.shell, false);
    assert.deepEqual(spec.command.slice(1), ['x y']);
    assert.match(spec.command[0] ?? '', /\/run\.sh$/);
    assert.deepEqual(await onlineArgv(home), ['sleep', '30']);
  });
});
