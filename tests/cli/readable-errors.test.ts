// Messages a pm2 user meets when an app file or script is wrong: a missing file is "file not found",
// a throwing or unparsable JS app file names its line and column with a code frame, and pm2's
// CommonJS `module.exports` in a "type": "module" project is explained with both fixes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { listInstances } from '../helpers/apps.js';
import { runCli } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';

function project(t: TestContext, files: Record<string, string>): string {
  const dir = fs.mkdtempSync('/tmp/svctl-project-');
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  return dir;
}

describe('readable errors', () => {
  it('svctl start missing.js says "file not found: PATH" and exits 2', async (t) => {
    const home = makeHome(t);
    const dir = project(t, {});
    const result = await runCli(['start', 'missing.js'], { home, cwd: dir });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, new RegExp(`^svctl: file not found: ${path.join(dir, 'missing.js')}$`, 'm'));
    assert.doesNotMatch(result.stderr, /no app matches/);
  });

  it('an ecosystem.config.js that throws is reported with its file, line and column and a code frame; nothing starts', async (t) => {
    const home = makeHome(t);
    const dir = project(t, {
      'ecosystem.config.js': [
        "const env = process.env.DEPLOY_TARGET ?? '';",
        "if (env === '') {",
        "  throw new Error('DEPLOY_TARGET is not set');",
        '}',
        "module.exports = { apps: [{ name: 'api', script: 'server.js' }] };",
        '',
      ].join('\n'),
    });
    const result = await runCli(['start', 'ecosystem.config.js'], { home, cwd: dir, env: { DEPLOY_TARGET: undefined } });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /ecosystem\.config\.js: cannot be loaded: Error: DEPLOY_TARGET is not set \(ecosystem\.config\.js:3:9\)/);
    assert.match(result.stderr, /^ 3 \| {3}throw new Error\('DEPLOY_TARGET is not set'\);$/m);
    // The marker points at the column: 3 for " 3 | ", then 8 characters before `new`.
    assert.match(result.stderr, /^-{13}\^$/m);
    assert.deepEqual(await listInstances({ home }), []);
  });

  it('a syntax error in an ES module app file names its line and column too', async (t) => {
    const home = makeHome(t);
    const dir = project(t, { 'ecosystem.config.mjs': "export default {\n  apps: [{ name: 'api' script: 'server.js' }],\n};\n" });
    const result = await runCli(['start', 'ecosystem.config.mjs'], { home, cwd: dir });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /SyntaxError: Unexpected identifier 'script' \(ecosystem\.config\.mjs:2:24\)/);
    assert.match(result.stderr, /^ 2 \| {3}apps: \[\{ name: 'api' script: 'server\.js' \}\],$/m);
  });

  it('pm2\'s module.exports in a "type": "module" project is explained, with both fixes (rename to .cjs, or export default)', async (t) => {
    const home = makeHome(t);
    const dir = project(t, {
      'package.json': JSON.stringify({ name: 'shop', type: 'module' }),
      'ecosystem.config.js': "module.exports = {\n  apps: [{ name: 'api', script: 'server.js' }],\n};\n",
    });
    const result = await runCli(['start', 'ecosystem.config.js'], { home, cwd: dir });
    assert.equal(result.code, 2, result.stderr);
    assert.doesNotMatch(result.stderr, /defines no apps/);
    assert.match(result.stderr, new RegExp(`ecosystem\\.config\\.js is written as CommonJS \\(it uses module\\), but ${path.join(dir, 'package.json')} says "type": "module"`));
    assert.match(result.stderr, /rename it to ecosystem\.config\.cjs/);
    assert.match(result.stderr, /`export default \{ apps: \[\.\.\.\] \}` instead of `module\.exports = \{ apps: \[\.\.\.\] \}`/);
  });
});
