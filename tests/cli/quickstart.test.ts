// The README's Quick start is real: `npm run quickstart` starts the example app under the daemon, and
// no npm script points at a file that does not exist (it once ran scripts/quickstart.sh, which did not).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { listInstances, writeAppFile } from '../helpers/apps.js';
import { makeHome } from '../helpers/home.js';
import { EXAMPLES, REPO_ROOT } from '../helpers/paths.js';
import { runCombined, type CombinedRun } from '../helpers/run-combined.js';

function runNpm(args: string[], env: Record<string, string>): Promise<CombinedRun> {
  return runCombined('npm', args, { cwd: REPO_ROOT, env });
}

describe('quick start', () => {
  it('every npm script names files that exist', () => {
    const { scripts } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const missing = Object.entries(scripts).flatMap(([name, command]) =>
      [...command.matchAll(/(?:^|\s)((?:scripts|bench|packages)\/[^\s;&|]+)/g)].map((match) => match[1] ?? '').filter((file) => !fs.existsSync(path.join(REPO_ROOT, file))).map((file) => `${name}: ${file}`),
    );
    assert.ok(Object.values(scripts).some((command) => command.includes('scripts/quickstart.sh')), 'the quickstart script is checked');
    assert.deepEqual(missing, []);
  });

  it('npm run quickstart starts the example API under the daemon and lists it', async (t) => {
    const home = makeHome(t);
    // The example API on any free port: its own port (3000) belongs to the test of examples/api.json.
    const file = writeAppFile(t, { apps: [{ name: 'api', script: path.join(EXAMPLES, 'api/server.js'), env: { PORT: 0 } }] });
    const run = await runNpm(['run', '--silent', 'quickstart', '--', file], { SVCTL_HOME: home });
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, /\bapi\b/);
    const rows = await listInstances({ home });
    assert.deepEqual(
      rows.map((row) => row.app),
      ['api'],
    );
  });
});
