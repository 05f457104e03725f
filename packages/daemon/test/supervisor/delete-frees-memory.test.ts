// Regression (issue 10, "deleted apps keep their memory"): deleting an app frees its lines in the log ring.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { pino } from 'pino';
import { waitFor } from '../../../../tests/helpers/wait.js';
import { LogService } from '../../src/logs/log-service.js';
import { realOs } from '../../src/os/real-os.js';
import { EventBus } from '../../src/supervisor/event-bus.js';
import { Supervisor } from '../../src/supervisor/supervisor.js';
import { specFor } from '../persistence/fixtures.js';

const logger = pino({ level: 'silent' });

function chattySpec(name: string) {
  const command = ['/bin/sh', '-c', `echo "${name} says hello"; exec sleep 3600`];
  return { ...specFor(name), script: '/bin/sh', args: command.slice(1), command };
}

test('deleting apps frees their lines in the log ring; a new app of the same name starts with an empty ring', async (t) => {
  const logsDir = fs.mkdtempSync('/tmp/svctl-');
  t.after(() => fs.rmSync(logsDir, { recursive: true, force: true }));
  const logs = new LogService({ maxSize: 1024 * 1024, maxFiles: 1, maxAgeMs: null, compress: false }, logger, 1024 * 1024);
  const supervisor = new Supervisor({ os: realOs, logsDir, logs, logger, bus: new EventBus() });
  t.after(async () => {
    await supervisor.stopAll();
    await logs.close();
  });

  await supervisor.restore([0, 1, 2].map((index) => ({ desired: 'running' as const, spec: chattySpec(`chatty-${index}`) })), 'resurrect');
  await waitFor('three apps in the ring', () => logs.ringStats().apps === 3);

  await supervisor.delete('chatty-0');
  await supervisor.delete('chatty-1');
  await waitFor('the deleted apps gone from the ring', () => logs.ringStats().apps === 1);
  assert.deepEqual(
    supervisor.allApps().map((app) => app.name),
    ['chatty-2'],
  );

  // Started again under the same name: its ring holds only the new run's line.
  await supervisor.restore([{ desired: 'running', spec: { ...chattySpec('chatty-0'), command: ['/bin/sh', '-c', 'echo second run; exec sleep 3600'] } }], 'resurrect');
  await waitFor('the new app in the ring', () => logs.ringStats().apps === 2);
  const backlog = logs.backlog([{ name: 'chatty-0', spec: chattySpec('chatty-0'), files: [] }], () => true, 10);
  assert.deepEqual(
    backlog.map((entry) => entry.msg),
    ['second run'],
  );
});
