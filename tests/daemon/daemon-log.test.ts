// issue 10: the daemon's own log fell ten minutes behind under a restart storm, and fatal errors
// never reached it. Storms are summarised; fatal errors are written before the process exits.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { listInstances, startOk, writeAppFile } from '../helpers/apps.js';
import { startDaemon } from '../helpers/daemon.js';
import { makeHome } from '../helpers/home.js';
import { daemonLogEvents } from '../helpers/log-files.js';
import { DAEMON_BIN, FIXTURES } from '../helpers/paths.js';
import { waitFor } from '../helpers/wait.js';

const failing = (kind: 'throw' | 'reject') => ({ NODE_OPTIONS: `--import=${path.join(FIXTURES, 'fail-in-daemon.mjs')}`, FAIL_WITH: kind });

describe("the daemon's own log", () => {
  it('a crash-looping app with restart_delay 0 gives summary lines, not a line per transition', async (t) => {
    const home = makeHome(t);
    const file = writeAppFile(t, { apps: [{ name: 'crashy', script: '/bin/false', restart_delay: 0, min_uptime: 0, max_restarts: 1_000_000 }] });
    await startOk([file], { home });
    const startedAt = Date.now();
    await waitFor('200 restarts', async () => ((await listInstances({ home })).find((row) => row.app === 'crashy')?.restarts ?? 0) >= 200, { timeoutMs: 90_000 });
    const summaries = await waitFor('a summary line', () => {
      const found = daemonLogEvents(home).filter((event) => event.event === 'transition_summary' && event.app === 'crashy');
      return found.length > 0 ? found : undefined;
    }, { timeoutMs: 30_000 });
    assert.match(String(summaries[0]?.msg), /^crashy restarted \d+ times in the last \d+ s \(\d+ transitions summarised; last: /);
    assert.ok(Number(summaries[0]?.restarts) > 0);
    // At most 10 single lines per 10 s window, however fast it restarts.
    const windows = Math.ceil((Date.now() - startedAt) / 10_000) + 1;
    const single = daemonLogEvents(home).filter((event) => event.event === 'transition' && event.app === 'crashy').length;
    assert.ok(single <= 10 * windows, `${single} single transition lines in ${windows} windows`);
    const summarised = daemonLogEvents(home).filter((event) => event.event === 'transition_summary').reduce((sum, event) => sum + Number(event.transitions), 0);
    assert.ok(summarised > single, `${summarised} summarised vs ${single} single`);
  });

  it('an uncaught exception is in daemon.log when the daemon has exited', async (t) => {
    const daemon = await startDaemon(t, { env: failing('throw') });
    process.kill(daemon.pid, 'SIGUSR2');
    assert.equal(await daemon.exited, 1);
    const fatal = daemonLogEvents(daemon.home).find((event) => event.level === 60);
    assert.ok(fatal !== undefined, 'a fatal line');
    assert.equal(fatal.msg, 'uncaught exception; the daemon exits');
    assert.equal((fatal.err as { message?: string }).message, 'fixture: throw in the daemon');
  });

  it('an unhandled rejection is written at once and the daemon keeps running', async (t) => {
    const daemon = await startDaemon(t, { env: failing('reject') });
    process.kill(daemon.pid, 'SIGUSR2');
    const logged = await waitFor('the rejection in daemon.log', () => daemonLogEvents(daemon.home).find((event) => event.msg === 'unhandled rejection; the daemon keeps running'));
    assert.equal(logged.level, 50);
    assert.equal((logged.err as { message?: string }).message, 'fixture: reject in the daemon');
    assert.equal(daemon.child.exitCode, null, 'still running');
  });

  it('a daemon that fails to start leaves the reason in daemon.log', async (t) => {
    const first = await startDaemon(t);
    const second = spawn(process.execPath, [DAEMON_BIN], { env: { ...process.env, SVCTL_HOME: first.home }, stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => second.on('exit', resolve));
    assert.equal(code, 1);
    const failed = daemonLogEvents(first.home).find((event) => event.pid === second.pid && event.level === 60);
    assert.ok(failed !== undefined, 'a fatal line from the second daemon');
    assert.equal(failed.msg, 'the daemon failed to start');
    assert.ok(String((failed.err as { message?: string }).message).length > 0);
  });
});
