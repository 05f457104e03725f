// What the tests of the daemon's bounds check while clients misbehave: its peak RSS stays under the
// issue's 200 MB, and `svctl ping` keeps answering within a second.
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { runCliJson } from './cli.js';
import { currentRssKb } from './log-files.js';

export const RSS_LIMIT_KB = 200 * 1024;

/** Samples the daemon's RSS every 100 ms until stopped; returns the peak in kB. */
export function watchPeakRss(t: TestContext, pid: number): () => number {
  let peak = currentRssKb(pid);
  const timer = setInterval(() => (peak = Math.max(peak, currentRssKb(pid))), 100);
  t.after(() => clearInterval(timer));
  return () => {
    clearInterval(timer);
    return Math.max(peak, currentRssKb(pid));
  };
}

/** `svctl ping` with the CLI's request timeout at one second. */
export async function assertPingWithinASecond(home: string): Promise<void> {
  const { result, json } = await runCliJson<{ pid: number }>(['ping', '--no-autostart'], { home, env: { SVCTL_TIMEOUT: '1000' } });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(typeof json.pid, 'number');
}
