import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isOnline, startOk, waitForInstances, writeAppFile } from '../helpers/apps.js';
import { runCli, runCliJson } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { waitFor } from '../helpers/wait.js';

// An app that writes a marker file when it receives SIGUSR2, and idles otherwise.
const LISTENER = `
const fs = require('node:fs');
process.on('SIGUSR2', () => fs.appendFileSync(process.env.MARKER, 'usr2\\n'));
setInterval(() => {}, 60_000);
`;

describe('signal and reset', () => {
  it('signal delivers to every running instance; a bad signal name is a usage error', async (t) => {
    const home = makeHome(t);
    const file = writeAppFile(t, { apps: [{ name: 'listener', script: 'listener.cjs', instances: 2, env: { MARKER: 'marker.txt' } }] });
    const dir = path.dirname(file);
    fs.writeFileSync(path.join(dir, 'listener.cjs'), LISTENER);
    const marker = path.join(dir, 'marker.txt');
    await startOk([file], { home });
    await waitForInstances({ home }, 'listener', isOnline, 2);
    const result = await runCli(['signal', 'SIGUSR2', 'listener'], { home });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /listener \[id 0\] signalled \(2 instance\(s\)\)/);
    await waitFor('both instances to record the signal', () => fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === 'usr2\nusr2\n');
    const bad = await runCli(['signal', 'SIGNOPE', 'listener'], { home });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown signal "SIGNOPE"/);
    await waitForInstances({ home }, 'listener', isOnline, 2);
  });

  it('reset zeroes the restart counters', async (t) => {
    const home = makeHome(t);
    const file = writeAppFile(t, { apps: [{ name: 'counted', script: 'listener.cjs', env: { MARKER: 'marker.txt' } }] });
    fs.writeFileSync(path.join(path.dirname(file), 'listener.cjs'), LISTENER);
    await startOk([file], { home });
    await waitForInstances({ home }, 'counted', isOnline, 1);
    assert.equal((await runCli(['restart', 'counted'], { home })).code, 0);
    const [restarted] = await waitForInstances({ home }, 'counted', (row) => isOnline(row) && row.restarts === 1, 1);
    assert.equal((await runCli(['reset', 'counted'], { home })).code, 0);
    const { json } = await runCliJson<Array<{ restarts: number; pid: number }>>(['list'], { home });
    assert.equal(json[0]?.restarts, 0);
    assert.equal(json[0]?.pid, restarted?.pid, 'reset does not restart the process');
  });
});
