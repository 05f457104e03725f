// svctl logs APP --grep: logs.search over the app's log files, current and rotated, beyond any backlog.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { startOk, writeAppFile } from '../helpers/apps.js';
import { runCli } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { FIXTURES } from '../helpers/paths.js';
import { waitFor } from '../helpers/wait.js';

describe('svctl logs --grep', () => {
  it('finds lines in rotated files, plain or as a regular expression; refuses what it cannot run', async (t) => {
    const home = makeHome(t);
    // 30,001 lines of 40 bytes rotated at 256 KiB: the first lines are in a rotated file.
    const file = writeAppFile(t, { apps: [{ name: 'spewer', script: path.join(FIXTURES, 'spew-lines.js'), args: ['30001', '40', 'out'], log_max_size: '256K', log_max_files: 10 }] });
    await startOk([file], { home });
    await waitFor('the whole run written', async () => (await runCli(['logs', 'spewer', '--err', '--lines', '1'], { home })).stdout.includes('done 30001'), { timeoutMs: 90_000, intervalMs: 250 });

    const plain = await runCli(['logs', 'spewer', '--grep', '0000000001 X', '--raw'], { home });
    assert.equal(plain.code, 0, plain.stderr);
    assert.deepEqual(plain.stdout.trim().split('\n').map((line) => line.replace(/x+$/, 'x…')), ['0000000001 x…']);

    const regex = await runCli(['logs', 'spewer', '--grep', '^(0000000002|000003000[01]) ', '--regex', '--raw', '--out'], { home });
    assert.equal(regex.code, 0, regex.stderr);
    assert.deepEqual(regex.stdout.trim().split('\n').map((line) => line.slice(0, 10)), ['0000000002', '0000030000', '0000030001']);

    const backreference = await runCli(['logs', 'spewer', '--grep', '(0)\\1', '--regex'], { home });
    assert.equal(backreference.code, 2, 'INVALID_PARAMS: the usage exit code');
    assert.match(backreference.stderr, /RE2 syntax/);
    const following = await runCli(['logs', 'spewer', '--grep', 'x', '--follow'], { home });
    assert.equal(following.code, 2, 'USAGE');
    assert.match(following.stderr, /--grep searches the files of one target/);
  });
});
