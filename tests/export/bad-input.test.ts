// Bad input to svctl export: a usage error for an unknown target, and app-file errors said exactly as
// `svctl start` says them (the same loader), with the same exit code; nothing is written.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { EXAMPLES } from '../helpers/paths.js';

describe('svctl export, bad input', () => {
  it('refuses an unknown target as a usage error (exit code 2)', async (t) => {
    const home = makeHome(t);
    const result = await runCli(['export', 'kubernets', path.join(EXAMPLES, 'api.json')], { home });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^svctl: export: target must be one of "kubernetes", "systemd", not "kubernets"\nhint: usage: svctl export <target> <file>/);
  });

  it('names a missing or invalid app file as svctl start does, and writes nothing', async (t) => {
    const home = makeHome(t);
    const folder = fs.mkdtempSync('/tmp/svctl-bad-');
    t.after(() => fs.rmSync(folder, { recursive: true, force: true }));
    fs.writeFileSync(path.join(folder, 'typo.json'), JSON.stringify({ apps: [{ name: 'api', script: 'server.js', instancez: 2 }] }));
    fs.writeFileSync(path.join(folder, 'bad-value.json'), JSON.stringify({ apps: [{ name: 'api', script: 'server.js', kill_timeout: 'soon' }] }));
    for (const file of ['./missing.json', './typo.json', './bad-value.json']) {
      const started = await runCli(['start', file], { home, cwd: folder });
      for (const target of ['kubernetes', 'systemd']) {
        const exported = await runCli(['export', target, file, '--image', 'x:1', '--out', 'out'], { home, cwd: folder });
        assert.equal(exported.code, 2, `${target} ${file}: ${exported.stderr}`);
        assert.equal(exported.code, started.code);
        const error = exported.stderr.split('\n').find((line) => line.startsWith('svctl: '));
        assert.ok(error !== undefined && started.stderr.includes(error), `${target} ${file}: "${error}" as svctl start said it:\n${started.stderr}`);
        assert.equal(fs.existsSync(path.join(folder, 'out')), false);
      }
    }
  });

  it('names the apps that have no image', async (t) => {
    const home = makeHome(t);
    const result = await runCli(['export', 'kubernetes', path.join(EXAMPLES, 'held-socket.json')], { home });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^svctl: no container image for app "held-py", "held-node": pass --image IMAGE or set the app key image$/m);
  });
});
