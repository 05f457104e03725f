import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isOnline, listInstances, startOk, waitForInstances, writeAppFile } from '../helpers/apps.js';
import { makeHome } from '../helpers/home.js';
import { describeApp, MiB, writeConfig } from '../helpers/monitoring.js';
import { FIXTURES } from '../helpers/paths.js';
import { waitFor } from '../helpers/wait.js';

const average = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** utime + stime of one process, in clock ticks (100 per second). */
function cpuTicks(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

describe('resource sampling', () => {
  it('a busy loop reads about 100 % of a core and an idle app under 5 %, in list and describe', async (t) => {
    const home = makeHome(t);
    writeConfig(home, { monitor_interval: 500 });
    const file = writeAppFile(t, {
      apps: [
        { name: 'busy', script: path.join(FIXTURES, 'busy.js') },
        { name: 'idle', script: path.join(FIXTURES, 'forever.js') },
      ],
    });
    await startOk([file], { home });
    const [busyRow0] = await waitForInstances({ home }, 'busy', isOnline, 1);
    const busyPid = busyRow0?.pid ?? 0;
    // Each window: the busy process's own utime+stime over 4 samples (2 s), read here from /proc, and the
    // sampler's mean over the same samples. They must agree (accuracy, whatever the load), and a window at
    // 100 ± 20 % must turn up: the loop runs at top priority (root), so a loaded machine only delays that.
    const windows: string[] = [];
    const busyCpu = await waitFor(
      'a 2 s window of busy at 100 ± 20 %',
      async () => {
        const startTicks = cpuTicks(busyPid);
        const startedAt = performance.now();
        const firstAt = new Date().toISOString();
        const samples = await waitFor('4 new samples', async () => {
          const fresh = ((await describeApp({ home }, 'busy')).instances[0]?.samples ?? []).filter((sample) => sample.at > firstAt && sample.cpu !== null);
          return fresh.length >= 4 ? fresh : undefined;
        }, { intervalMs: 100 });
        const measured = ((cpuTicks(busyPid) - startTicks) / 100 / ((performance.now() - startedAt) / 1000)) * 100;
        const sampled = average(samples.map((sample) => sample.cpu ?? 0));
        windows.push(`${sampled.toFixed(1)} (own ${measured.toFixed(1)})`);
        assert.ok(Math.abs(sampled - measured) <= 20, `sampled ${sampled.toFixed(1)} % vs the process's own ${measured.toFixed(1)} %`);
        return sampled >= 80 && sampled <= 120 ? sampled : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 0 },
    ).catch((error: Error) => assert.fail(`${error.message}; windows read (sampled, process's own): ${windows.join(', ')}`));
    assert.ok(busyCpu >= 80 && busyCpu <= 120);
    const idle = (await describeApp({ home }, 'idle')).instances[0]?.samples ?? [];
    const idleCpu = idle.map((sample) => sample.cpu).filter((value) => value !== null);
    assert.ok(idleCpu.length >= 3, `idle has samples: ${JSON.stringify(idle)}`);
    assert.ok(average(idleCpu.slice(-4)) < 5, `idle reads ${JSON.stringify(idleCpu)}`);
    const rows = await listInstances({ home });
    const busyRow = rows.find((row) => row.app === 'busy');
    const idleRow = rows.find((row) => row.app === 'idle');
    assert.ok(busyRow?.cpu !== null && busyRow?.cpu !== undefined && busyRow.cpu > 50, `list shows busy cpu: ${JSON.stringify(busyRow)}`);
    assert.ok(idleRow?.memory !== null && idleRow?.memory !== undefined && idleRow.memory > 5 * MiB, `list shows idle memory: ${JSON.stringify(idleRow)}`);
    assert.ok(idle.length <= 60, 'at most 60 samples are kept');
  });

  it('an app whose child allocates 150 MB reads at least 150 MB: the whole process tree is measured', async (t) => {
    const home = makeHome(t);
    writeConfig(home, { monitor_interval: 500 });
    const file = writeAppFile(t, { apps: [{ name: 'hog', script: path.join(FIXTURES, 'alloc-child.js'), env: { MEGABYTES: '150' } }] });
    await startOk([file], { home });
    const [row] = await waitForInstances({ home }, 'hog', (candidate) => (candidate.memory ?? 0) >= 150 * MiB, 1, 20_000);
    assert.ok((row?.memory ?? 0) >= 150 * MiB);
    const samples = (await describeApp({ home }, 'hog')).instances[0]?.samples ?? [];
    assert.ok((samples.at(-1)?.processes ?? 0) >= 2, `leader and child are both counted: ${JSON.stringify(samples.at(-1))}`);
    // The leader alone is far smaller: the figure comes from the child.
    const leaderRss = Number(/^VmRSS:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${row?.pid}/status`, 'utf8'))?.[1]) * 1024;
    assert.ok(leaderRss < 100 * MiB, `leader RSS ${leaderRss}`);
  });

  it('max_memory_restart: an app over the limit is restarted once within two intervals, with reason memory', async (t) => {
    const home = makeHome(t);
    const intervalMs = 1000;
    writeConfig(home, { monitor_interval: intervalMs });
    const mark = path.join(home, 'allocated-at');
    // The child ignores SIGTERM, so the stop takes kill_timeout (3 intervals) while the tree is still over the limit.
    const file = writeAppFile(t, {
      apps: [
        {
          name: 'hog',
          script: path.join(FIXTURES, 'alloc-child.js'),
          max_memory_restart: '100M',
          kill_timeout: 3 * intervalMs,
          env: { MEGABYTES: '150', ALLOC_MARK: mark, IGNORE_TERM: '1' },
        },
      ],
    });
    // --no-wait: the hog goes over the limit at once, so a start that waits min_uptime may see it restarted.
    await startOk([file, '--no-wait'], { home });
    const history = await waitFor(
      'a memory restart back online',
      async () => {
        const events = (await describeApp({ home }, 'hog')).instances[0]?.history ?? [];
        const stop = events.findIndex((event) => event.reason === 'memory' && event.to === 'stopping');
        if (stop === -1) return undefined;
        const back = events.findIndex((event, index) => index > stop && event.to === 'online');
        return back === -1 ? undefined : events.slice(stop, back + 1);
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    // The first sample over the limit must be the one that restarted it (the tree went over less than one
    // interval before it), so the restart comes within two intervals of the memory going over.
    const samples = (await describeApp({ home }, 'hog')).instances[0]?.samples ?? [];
    const firstOver = samples.find((sample) => sample.memory > 100 * MiB);
    const stopAt = Date.parse(history[0]?.at ?? '');
    const lag = stopAt - Date.parse(firstOver?.at ?? '');
    assert.ok(lag >= 0 && lag < intervalMs, `restart ${lag} ms after the first sample over the limit (${JSON.stringify(firstOver)})`);
    assert.ok(fs.readFileSync(mark, 'utf8').length > 0, 'the child did allocate');
    // A failure stop, then the restart policy: memory → waiting (backoff) → restart_due → spawned.
    assert.deepEqual(
      history.map((event) => [event.from, event.to, event.reason]),
      [
        ['online', 'stopping', 'memory'],
        ['stopping', 'waiting', 'memory'],
        ['waiting', 'starting', 'restart_due'],
        ['starting', 'online', 'spawned'],
      ],
      'one restart while the tree shut down over kill_timeout, not one per sample',
    );
    assert.match(history[1]?.detail ?? '', /SIGKILL/, 'the stop needed kill_timeout: samples kept coming while it shut down');
  });
});
