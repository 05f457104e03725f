// Shared by the cluster and held-socket tests: `svctl reload APP` while a load runs, checked for zero
// failed and zero non-2xx requests, every instance replaced and each step printed with its duration.
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import type { InstanceRow } from '@svctl/protocol';
import { isOnline, waitForInstances } from '../helpers/apps.js';
import { runCli } from '../helpers/cli.js';
import { startLoad, type LoadResult } from '../helpers/http-load.js';

export async function reloadUnderLoad(t: TestContext, home: string, app: string, port: number, keepAlive: boolean): Promise<{ result: LoadResult; output: string; code: number | null }> {
  const load = startLoad(port, { keepAlive, concurrency: 4 });
  t.after(() => load.stop());
  await load.answered(100);
  const reload = await runCli(['reload', app], { home, timeoutMs: 90_000 });
  await load.answered(100);
  return { result: await load.stop(), output: reload.stdout + reload.stderr, code: reload.code };
}

/** Reloads with keep-alive off, then on; `stepLines` are the lines the output must have for each old instance. Returns the final rows. */
export async function assertReloadsFailNothing(t: TestContext, home: string, app: string, port: number, stepLines: (row: InstanceRow) => RegExp[]): Promise<InstanceRow[]> {
  let rows = await waitForInstances({ home }, app, isOnline);
  for (const keepAlive of [false, true]) {
    const { result, output, code } = await reloadUnderLoad(t, home, app, port, keepAlive);
    assert.equal(code, 0, output);
    assert.equal(result.failed, 0, `keep-alive ${keepAlive}: ${result.failed} failed of ${result.sent}: ${result.errors.join('; ')}`);
    assert.equal(result.non2xx, 0, `keep-alive ${keepAlive}`);
    for (const row of rows) for (const line of stepLines(row)) assert.match(output, line);
    const fresh = await waitForInstances({ home }, app, isOnline, rows.length);
    assert.ok(fresh.every((row) => !rows.some((old) => old.pid === row.pid)), 'every instance was replaced');
    assert.ok(fresh.some((row) => result.pids.has(row.pid ?? 0)), 'the new instances answered');
    rows = fresh;
  }
  return rows;
}
