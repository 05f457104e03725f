import fs from 'node:fs';
import type { TestContext } from 'node:test';
import { isAlive, waitFor } from './wait.js';

/** A fresh SVCTL_HOME, short enough for a socket path; on cleanup any daemon in it is stopped, then it is removed. */
export function makeHome(t: TestContext): string {
  const home = fs.mkdtempSync('/tmp/svctl-');
  t.after(async () => {
    await killDaemonOf(home);
    fs.rmSync(home, { recursive: true, force: true });
  });
  return home;
}

/** Stops a daemon left running in home (e.g. one autostarted by the CLI): SIGTERM, then SIGKILL. */
export async function killDaemonOf(home: string): Promise<void> {
  let pid: number;
  try {
    pid = Number.parseInt(fs.readFileSync(`${home}/daemon.pid`, 'utf8'), 10);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || !isAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  try {
    await waitFor(`daemon ${pid} to exit`, () => !isAlive(pid), { timeoutMs: 15_000 });
  } catch {
    process.kill(pid, 'SIGKILL');
  }
}
