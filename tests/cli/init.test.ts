// `svctl init` writes an app file that `svctl start` finds in the folder and runs; it never overwrites one
// unless told to.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { isOnline, waitForInstances } from '../helpers/apps.js';
import { runCli } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';

// A project folder with a package.json whose start script runs a server on a free port.
function makeProject(t: TestContext, pkg: Record<string, unknown>, server: string): string {
  const dir = fs.mkdtempSync('/tmp/svctl-init-');
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg));
  fs.writeFileSync(path.join(dir, 'server.js'), server);
  return dir;
}

const ESM_SERVER = "import http from 'node:http';\nhttp.createServer((req, res) => res.end(process.argv.slice(2).join(' '))).listen(0);\n";
const CJS_SERVER = "require('node:http').createServer((req, res) => res.end('ok')).listen(0);\n";

describe('svctl init', () => {
  it('writes svctl.config.js from the start script (an ES module project), and svctl start runs it', async (t) => {
    const home = makeHome(t);
    const cwd = makeProject(t, { name: '@acme/shop-api', type: 'module', scripts: { start: 'node --enable-source-maps server.js --port 0' } }, ESM_SERVER);
    const before = await runCli(['start'], { home, cwd });
    assert.equal(before.code, 2, before.stderr);
    assert.match(before.stderr, /no app file found[\s\S]*run `svctl init` to write a svctl\.config\.js/);
    const init = await runCli(['init'], { home, cwd });
    assert.equal(init.code, 0, init.stderr);
    const text = fs.readFileSync(path.join(cwd, 'svctl.config.js'), 'utf8');
    assert.match(text, /^export default \{/m);
    assert.match(text, /script: "server\.js"/);
    const start = await runCli(['start'], { home, cwd });
    assert.equal(start.code, 0, `${start.stdout}\n${start.stderr}`);
    const [row] = await waitForInstances({ home }, 'shop-api', isOnline, 1);
    assert.ok(row !== undefined);
    const cmdline = fs.readFileSync(`/proc/${row.pid}/cmdline`, 'utf8').split('\0');
    assert.deepEqual(cmdline.slice(-4, -1), ['server.js', '--port', '0'].map((word, index) => (index === 0 ? path.join(cwd, word) : word)));
    assert.ok(cmdline.includes('--enable-source-maps'), cmdline.join(' '));
  });

  it('refuses to overwrite an app file (FILE_EXISTS, exit 1) unless --force', async (t) => {
    const home = makeHome(t);
    const cwd = makeProject(t, { name: 'web', scripts: { start: 'node server.js' } }, CJS_SERVER);
    const file = path.join(cwd, 'svctl.config.js');
    fs.writeFileSync(file, '// mine\n');
    const refused = await runCli(['init', '--verbose'], { home, cwd });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /already exists; nothing was written/);
    assert.match(refused.stderr, /FILE_EXISTS/);
    assert.equal(fs.readFileSync(file, 'utf8'), '// mine\n');
    const forced = await runCli(['init', '--force'], { home, cwd });
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(fs.readFileSync(file, 'utf8'), /^module\.exports = \{/m);
  });

  it('--json writes a commented svctl.config.json that svctl start loads', async (t) => {
    const home = makeHome(t);
    const cwd = makeProject(t, { name: 'worker', scripts: { start: 'node server.js' } }, CJS_SERVER);
    const init = await runCli(['init', '--json'], { home, cwd });
    assert.equal(init.code, 0, init.stderr);
    assert.deepEqual(JSON.parse(init.stdout), { file: path.join(cwd, 'svctl.config.json'), app: 'worker', script: 'server.js' });
    assert.match(fs.readFileSync(path.join(cwd, 'svctl.config.json'), 'utf8'), /^ *\/\/ /m);
    const start = await runCli(['start'], { home, cwd });
    assert.equal(start.code, 0, `${start.stdout}\n${start.stderr}`);
    await waitForInstances({ home }, 'worker', isOnline, 1);
  });
});
