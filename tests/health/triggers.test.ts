import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isOnline, listInstances, startOk, waitForInstances, writeAppFile } from '../helpers/apps.js';
import { runCli } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { FIXTURES } from '../helpers/paths.js';
import { waitFor } from '../helpers/wait.js';
import { historyOf } from './health-helpers.js';

/** Lines in the app's log, read while it grows. */
function lineCount(file: string): number {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').length - 1 : 0;
}

describe('restart triggers', () => {
  it('watch: a burst of changes to a watched file restarts the app once; writes to its own log never do', async (t) => {
    const home = makeHome(t);
    // The app's cwd is the watched folder, and its log is written inside it.
    const file = writeAppFile(t, {
      apps: [{ name: 'dev', script: path.join(FIXTURES, 'chatty.js'), watch: true, watch_delay: 300, out_file: 'logs/out.log', env: { INTERVAL_MS: 10 } }],
    });
    const dir = path.dirname(file);
    const watched = path.join(dir, 'src', 'index.js');
    fs.mkdirSync(path.dirname(watched));
    fs.writeFileSync(watched, '// v1\n');
    const log = path.join(dir, 'logs', 'out.log');
    await startOk([file], { home });
    const [first] = await waitForInstances({ home }, 'dev', isOnline, 1);

    // 150 lines at 10 ms: well over a second of writing to the log, several watch_delay periods.
    const grown = lineCount(log) + 150;
    await waitFor('the app to write 150 more log lines', () => lineCount(log) >= grown, { timeoutMs: 20_000 });
    const [quiet] = await listInstances({ home });
    assert.equal(quiet?.restarts, 0, 'log writes restarted the app');
    assert.equal(quiet?.pid, first?.pid);

    for (const version of ['v2', 'v3', 'v4']) fs.appendFileSync(watched, `// ${version}\n`);
    const [second] = await waitForInstances({ home }, 'dev', (r) => isOnline(r) && r.pid !== first?.pid, 1);
    const afterRestart = lineCount(log) + 150;
    await waitFor('150 more log lines after the restart', () => lineCount(log) >= afterRestart, { timeoutMs: 20_000 });
    const [settled] = await listInstances({ home });
    assert.equal(settled?.restarts, 1, 'one burst, one restart');
    assert.equal(settled?.pid, second?.pid);
    const restart = (await historyOf({ home }, 'dev')).filter((e) => e.from === 'online' && e.to === 'stopping');
    assert.deepEqual(
      restart.map((e) => [e.reason, e.detail]),
      [['watch', `${path.join('src', 'index.js')} changed`]],
    );

    // Stopped: the watch stops with the app.
    assert.equal((await runCli(['stop', 'dev'], { home })).code, 0);
    fs.appendFileSync(watched, '// v5\n');
    const marker = path.join(dir, 'src', 'marker.js');
    fs.writeFileSync(marker, '');
    // A restart would come watch_delay (300 ms) after the changes. Instead of sleeping, let time pass measurably:
    // starting an app that says ready only after 1 s takes at least that long.
    const clock = writeAppFile(t, { apps: [{ name: 'clock', script: path.join(FIXTURES, 'ready-late.js'), wait_ready: true, env: { READY_DELAY_MS: 1000 } }] });
    await startOk([clock], { home });
    const rows = await listInstances({ home });
    assert.equal(rows.find((r) => r.app === 'dev')?.status, 'stopped', 'a stopped app is not restarted by its watch');
  });

  it('cron_restart with a seconds field restarts on schedule with reason cron', async (t) => {
    const home = makeHome(t);
    const file = writeAppFile(t, { apps: [{ name: 'tick', script: path.join(FIXTURES, 'forever.js'), cron_restart: '*/2 * * * * *' }] });
    await startOk([file], { home });
    await waitForInstances({ home }, 'tick', (r) => isOnline(r) && r.restarts >= 2, 1, 15_000);
    const stops = (await historyOf({ home }, 'tick')).filter((e) => e.from === 'online' && e.to === 'stopping');
    assert.ok(stops.length >= 2);
    for (const event of stops) assert.equal(event.reason, 'cron');
    const gaps = stops.slice(1).map((event, index) => Date.parse(event.at) - Date.parse(stops[index]?.at ?? ''));
    // protect: a restart still running when the next second comes skips that one, so a gap may be 4 s on a loaded machine.
    for (const gap of gaps) assert.ok(gap >= 1500 && gap <= 4500, `restarts ${gap} ms apart, schedule is every 2 s`);
    const starts = (await historyOf({ home }, 'tick')).filter((e) => e.from === 'stopped' && e.to === 'starting');
    assert.ok(starts.slice(1).every((e) => e.reason === 'cron' && e.detail === 'cron_restart "*/2 * * * * *"'));
  });

  it('an invalid cron expression is a validation error naming the key', async (t) => {
    const home = makeHome(t);
    const file = writeAppFile(t, { apps: [{ name: 'bad', script: path.join(FIXTURES, 'forever.js'), cron_restart: '61 * * * *' }] });
    const result = await runCli(['start', file], { home });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /app "bad": key "cron_restart" is not a valid cron expression/);
  });
});
