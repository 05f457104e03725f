// Regression test for issue 10 item 3: app files that crashed or wedged the daemon (instances: 1e9,
// 10,000 apps, a "40d" delay, a 10 KB name) are refused at validation: exit 2, an error naming the
// file, the app and the key, nothing started, and the daemon keeps answering.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { listInstances, writeAppFile } from '../helpers/apps.js';
import { runCli } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';

describe('app-file bounds end to end', () => {
  it('instances: 1e9, 10,000 apps, restart_delay "40d" and a 10 KB name are each refused with a clear error', async (t) => {
    const home = makeHome(t);
    const cases = [
      { content: { name: 'huge', script: 'sleep', args: '60', instances: 1e9 }, error: /^svctl: \/tmp\/svctl-apps-\w+\/api\.json: app "huge": key "instances" must be an integer from -1024 to 1024, a numeric string or "max", found 1000000000$/m },
      { content: { apps: Array.from({ length: 10_000 }, (_, i) => ({ name: `app${i}`, script: 'sleep', args: '60' })) }, error: /^svctl: \/tmp\/svctl-apps-\w+\/api\.json: the file defines 10000 apps, more than the 1000 one file may hold$/m },
      { content: { name: 'slow', script: 'sleep', args: '60', restart_delay: '40d' }, error: /^svctl: \/tmp\/svctl-apps-\w+\/api\.json: app "slow": key "restart_delay" must be a number of milliseconds up to 2147483647 or a duration string .*, found "40d"$/m },
      { content: { name: 'n'.repeat(10_240), script: 'sleep', args: '60' }, error: /^svctl: \/tmp\/svctl-apps-\w+\/api\.json: app "apps\[0\]": key "name" must be a name of 1-64 ASCII letters, digits/m },
    ];
    for (const { content, error } of cases) {
      const started = Date.now();
      const result = await runCli(['start', writeAppFile(t, content, 'api.json')], { home });
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, error);
      assert.ok(result.stderr.length < 2000, `a short error, not the value: ${result.stderr.length} bytes`);
      assert.ok(Date.now() - started < 30_000, 'refused without working through the value');
    }
    assert.deepEqual(await listInstances({ home }), []);
    assert.equal((await runCli(['ping'], { home })).code, 0);
  });
});
