// Which log files each run writes, on a fake OS: a reload whose new instance fails leaves the old one
// writing its file (two units of one instance share it for a while), and files follow the instance count.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import type { AppSpec } from '@svctl/protocol';
import { pino } from 'pino';
import { LogService } from '../../src/logs/log-service.js';
import { EventBus } from '../../src/supervisor/event-bus.js';
import { Supervisor } from '../../src/supervisor/supervisor.js';
import { FakeOs, settle } from '../fakes/fake-os.js';
import { specFor } from '../persistence/fixtures.js';

function supervised(t: TestContext, spec: Partial<AppSpec>) {
  const home = fs.mkdtempSync('/tmp/svctl-');
  t.after(() => fs.rmSync(home, { recursive: true, force: true }));
  const os = new FakeOs();
  const logger = pino({ level: 'silent' });
  const logs = new LogService({ maxSize: 1 << 20, maxFiles: 1, maxAgeMs: null, compress: false }, logger, 1 << 20, home);
  const supervisor = new Supervisor({ os, logsDir: path.join(home, 'logs'), logs, logger, bus: new EventBus() });
  t.after(() => supervisor.stopAll());
  const start = () => supervisor.restore([{ id: 0, desired: 'running', spec: { ...specFor('api'), ...spec } as AppSpec }], 'resurrect');
  return { os, supervisor, start, logsDir: path.join(home, 'logs') };
}

/** Real file writes: polled with a deadline. */
async function untilFileHas(file: string, text: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes(text))) {
    if (Date.now() > deadline) throw new Error(`${file} never got ${JSON.stringify(text)}: ${fs.existsSync(file) ? JSON.stringify(fs.readFileSync(file, 'utf8')) : 'no file'}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('log outputs per run', () => {
  it('a reload whose new instance fails keeps the old instance writing its log file', async (t) => {
    const { os, supervisor, start, logsDir } = supervised(t, {});
    await start();
    const [old] = os.children;
    assert.ok(old !== undefined);
    old.stdout.write('before reload\n');
    const out = path.join(logsDir, 'api-out.log');
    await untilFileHas(out, 'before reload\n');
    os.spawnFailure = 'ENOENT: no such file';
    await assert.rejects(supervisor.reload({ target: 'api' }), { code: 'RELOAD_FAILED' });
    await settle();
    // Longer than a released output waits for its pipes (2 s): the old instance's output must not be released at all.
    const until = Date.now() + 3000;
    let line = 0;
    while (Date.now() < until) {
      old.stdout.write(`after the failed reload ${++line}\n`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await untilFileHas(out, `after the failed reload ${line}\n`);
  });

  it('one instance writes <name>-out.log; scaled to two, each instance writes its numbered file from its next start', async (t) => {
    const { os, supervisor, start, logsDir } = supervised(t, {});
    await start();
    os.children[0]?.stdout.write('single\n');
    await untilFileHas(path.join(logsDir, 'api-out.log'), 'single\n');
    await supervisor.scale('api', 2);
    os.children[1]?.stdout.write('second\n');
    await untilFileHas(path.join(logsDir, 'api-out-1.log'), 'second\n');
    // Instance 0's running process keeps its file until it starts again.
    os.children[0]?.stdout.write('still single\n');
    await untilFileHas(path.join(logsDir, 'api-out.log'), 'still single\n');
    assert.equal(fs.existsSync(path.join(logsDir, 'api-out-0.log')), false);
  });
});
