import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { isOnline, startOk, waitForInstances, writeAppFile } from '../helpers/apps.js';
import { makeHome } from '../helpers/home.js';
import { writeConfig } from '../helpers/monitoring.js';
import { CLI_BIN, FIXTURES } from '../helpers/paths.js';
import { waitFor } from '../helpers/wait.js';

/** A private tmux server (its own socket name), killed on cleanup. */
function tmux(t: TestContext) {
  const socket = `svctl-test-${crypto.randomBytes(4).toString('hex')}`;
  const run = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  t.after(() => {
    try {
      run('kill-server');
    } catch {
      // already gone
    }
  });
  return {
    run,
    capture: () => run('capture-pane', '-p', '-t', 'monit'),
    format: (format: string) => run('display-message', '-p', '-t', 'monit', format).trim(),
    keys: (...keys: string[]) => run('send-keys', '-t', 'monit', ...keys),
  };
}

describe('svctl monit', () => {
  it('in a terminal: shows every app with cpu/memory sparklines, follows the selection with its logs, and q restores the terminal', async (t) => {
    const home = makeHome(t);
    writeConfig(home, { monitor_interval: 500 });
    const apps = ['alpha', 'bravo', 'charlie'];
    const file = writeAppFile(t, { apps: apps.map((name) => ({ name, script: path.join(FIXTURES, 'forever.js'), env: { GREETING: `hello from ${name}` } })) });
    await startOk([file], { home });
    for (const name of apps) await waitForInstances({ home }, name, isOnline, 1);

    const term = tmux(t);
    term.run('new-session', '-d', '-s', 'monit', '-x', '120', '-y', '30', '-e', `SVCTL_HOME=${home}`, 'bash', '--norc', '--noprofile');
    term.keys(`${process.execPath} ${CLI_BIN} monit`, 'Enter');
    const screen = await waitFor('all apps with samples on screen', () => {
      const text = term.capture();
      return text.includes('svctl monit:') && apps.every((name) => new RegExp(`${name}\\s+0 online .*[▁▂▃▄▅▆▇█]`).test(text)) ? text : undefined;
    });
    assert.match(screen, /3 instance\(s\), sampled every 500ms/);
    assert.equal(term.format('#{alternate_on}'), '1', 'monit draws on the alternate screen');
    assert.match(screen, /── logs: alpha\[0\]/);
    await waitFor('the first app\'s log line', () => term.capture().includes('ready'));
    term.keys('Down');
    await waitFor('the log pane to follow the selection', () => term.capture().includes('── logs: bravo[0]'));
    term.keys('q');
    await waitFor('the shell to be back on the main screen', () => term.format('#{alternate_on}') === '0' && !term.capture().includes('svctl monit:'));
    assert.equal(term.format('#{cursor_flag}'), '1', 'the cursor is shown again');
    term.keys('stty -a | grep -o -- "-\\?icanon"', 'Enter');
    const mode = await waitFor('stty output', () => /^(-?icanon)$/m.exec(term.capture())?.[1]);
    assert.equal(mode, 'icanon', 'raw mode is off (canonical input restored)');
  });

  it('without a terminal: prints the table once per sampling interval until stopped', async (t) => {
    const home = makeHome(t);
    writeConfig(home, { monitor_interval: 300 });
    const file = writeAppFile(t, { apps: [{ name: 'solo', script: path.join(FIXTURES, 'forever.js') }] });
    await startOk([file], { home });
    await waitForInstances({ home }, 'solo', isOnline, 1);
    const child = spawn(process.execPath, [CLI_BIN, 'monit'], { env: { ...process.env, SVCTL_HOME: home, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    t.after(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    await waitFor('three tables', () => (stdout.match(/^name\s+inst status/gm) ?? []).length >= 3);
    assert.match(stdout, /^solo\s+0 online/m);
    assert.doesNotMatch(stdout, /\u001b\[/, 'no escape codes when not on a terminal');
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });
});
