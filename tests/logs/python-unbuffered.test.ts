// Python apps' output reaches `svctl logs` as it is printed: svctl sets PYTHONUNBUFFERED=1 for them
// (unless the app's env sets it), since Python buffers a piped stdout.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { LogEntry } from '@svctl/protocol';
import { isOnline, processEnv, startOk, waitForInstances, writeAppFile } from '../helpers/apps.js';
import { runCli } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { FIXTURES } from '../helpers/paths.js';
import { waitFor } from '../helpers/wait.js';

describe('Python output', () => {
  it("a .py app's print in a loop that never exits reaches svctl logs within a second of being printed", async (t) => {
    const home = makeHome(t);
    const file = writeAppFile(t, { apps: [{ name: 'py', script: path.join(FIXTURES, 'print-loop.py') }] });
    await startOk([file], { home });
    const [row] = await waitForInstances({ home }, 'py', isOnline, 1);
    assert.equal(processEnv(row?.pid ?? 0).PYTHONUNBUFFERED, '1');
    const first = await waitFor(
      'a tick line in svctl logs',
      async () => {
        const result = await runCli(['logs', 'py', '--out', '--lines', '5', '--json'], { home });
        const entries = result.stdout.trim() === '' ? [] : result.stdout.trim().split('\n').map((line) => JSON.parse(line) as LogEntry);
        return entries.find((entry) => entry.stream === 'out' && entry.msg.startsWith('tick '));
      },
      { timeoutMs: 15_000 },
    );
    const printedAt = Number(/ at (\d+)$/.exec(first.msg)?.[1]);
    const capturedAt = Date.parse(first.at ?? '');
    t.diagnostic(`captured ${capturedAt - printedAt} ms after it was printed`);
    assert.ok(capturedAt - printedAt < 1000, `captured ${capturedAt - printedAt} ms after it was printed`);
  });
});
