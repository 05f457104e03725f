// The daemon loads no built-in module it does not use (issue 9, daemon RSS: each one costs the process 0.2 to
// 1.5 MB): node:crypto waits for a token to be made or checked (the journal keys specs without it), zlib for
// a rotated log file to compress, and pino's transports (worker_threads) and file destination (assert) are
// left out of the bundle; `gc` comes from --expose-gc (not node:v8 and node:vm) and durations from
// process.uptime() (not the `performance` global, which loads perf_hooks). Checked on the real built daemon, through a preloaded fixture that writes
// process.moduleLoadList on SIGUSR2: idle after a ping, then with an app running.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isOnline, startOk, waitForInstances } from '../helpers/apps.js';
import { runCli } from '../helpers/cli.js';
import { startDaemon, type TestDaemon } from '../helpers/daemon.js';
import { makeHome } from '../helpers/home.js';
import { FIXTURES } from '../helpers/paths.js';
import { waitFor } from '../helpers/wait.js';

const NOT_LOADED = ['crypto', 'worker_threads', 'zlib', 'assert', 'v8', 'vm', 'perf_hooks'];

/** The built-in modules the daemon has loaded so far (`NativeModule x` lines of process.moduleLoadList). */
async function loadedBuiltins(daemon: TestDaemon, file: string): Promise<Set<string>> {
  fs.rmSync(file, { force: true });
  process.kill(daemon.pid, 'SIGUSR2');
  const text = await waitFor('the daemon to write its module list', () => fs.existsSync(file) && fs.readFileSync(file, 'utf8'));
  const builtins = new Set(text.split('\n').flatMap((line) => (line.startsWith('NativeModule ') ? [line.slice('NativeModule '.length)] : [])));
  // The list is the daemon's: it serves its socket with net and spawns with child_process.
  assert.ok(builtins.has('net') && builtins.has('child_process'), `not the daemon's module list: ${[...builtins].join(', ')}`);
  return builtins;
}

function assertNotLoaded(builtins: Set<string>, when: string): void {
  const loaded = NOT_LOADED.filter((name) => builtins.has(name));
  assert.deepEqual(loaded, [], `${when}, the daemon has loaded node:${loaded.join(', node:')}`);
}

describe('built-in modules of the idle daemon', () => {
  it('loads neither crypto, worker_threads, zlib nor assert, idle or running an app', async (t) => {
    const home = makeHome(t);
    const file = path.join(home, 'modules.txt');
    const daemon = await startDaemon(t, { home, nodeArgs: ['--import', path.join(FIXTURES, 'module-list.mjs')], env: { SVCTL_TEST_MODULE_LIST: file } });
    const ping = await runCli(['ping'], { home });
    assert.equal(ping.code, 0, ping.stderr);
    assertNotLoaded(await loadedBuiltins(daemon, file), 'idle after a ping');

    await startOk(['--name', 'sleeper', '--', 'sleep', '300'], { home });
    await waitForInstances({ home }, 'sleeper', isOnline, 1);
    // The journal names the app's spec on disk once it runs (docs/persistence.md).
    await waitFor('the journal to name the app', () => fs.readFileSync(path.join(home, 'journal.json'), 'utf8').includes('"sleeper"'));
    assertNotLoaded(await loadedBuiltins(daemon, file), 'with an app running');
  });
});
