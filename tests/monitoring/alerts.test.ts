import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, it } from 'node:test';
import { listInstances, startFails, waitForInstances, writeAppFile } from '../helpers/apps.js';
import { runCli } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { daemonLog, readJsonLines, writeConfig } from '../helpers/monitoring.js';
import { FIXTURES } from '../helpers/paths.js';
import { waitFor } from '../helpers/wait.js';

interface SinkLine {
  stdin: string;
  env: string | null;
}

const sinkCommand = (file: string) => [process.execPath, path.join(FIXTURES, 'alert-sink.js'), file];

describe('alerts', () => {
  it('an app going errored runs the alert command with the event JSON on stdin and in SVCTL_EVENT, and POSTs it (retrying a failed attempt)', async (t) => {
    const home = makeHome(t);
    const sink = path.join(home, 'alerts.jsonl');
    const bodies: string[] = [];
    let requests = 0;
    const server = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        requests += 1;
        // The first attempt fails: the alert is retried.
        if (requests === 1) {
          response.writeHead(500).end();
          return;
        }
        bodies.push(body);
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const { port } = server.address() as AddressInfo;
    writeConfig(home, {
      alerts: [
        { name: 'ops', on: ['errored'], command: sinkCommand(sink), webhook: `http://127.0.0.1:${port}/hook` },
        // A broken alert must not disturb anything: its failure is only logged.
        { name: 'broken', on: ['errored'], command: ['/nonexistent/alert-command'], retries: 0 },
      ],
    });
    const file = writeAppFile(t, { apps: [{ name: 'flaky', script: path.join(FIXTURES, 'crash.js'), max_restarts: 2 }] });
    await startFails([file], { home });
    await waitForInstances({ home }, 'flaky', (row) => row.status === 'errored', 1);
    const [line] = await waitFor('the alert command to run', () => {
      const lines = readJsonLines<SinkLine>(sink);
      return lines.length > 0 ? lines : undefined;
    });
    const event = JSON.parse(line?.stdin ?? '') as Record<string, unknown>;
    assert.equal(line?.env, line?.stdin, 'SVCTL_EVENT holds the same JSON as stdin');
    assert.equal(event.app, 'flaky');
    assert.equal(event.instance, 0);
    assert.equal(event.to, 'errored');
    assert.equal(event.kind, 'errored');
    assert.equal(event.rule, 'ops');
    assert.equal(event.reason, 'crash');
    assert.match(String(event.detail), /too many unstable restarts/);
    assert.ok(!Number.isNaN(Date.parse(String(event.at))));
    const body = await waitFor('the webhook POST after one retry', () => bodies[0]);
    assert.deepEqual(JSON.parse(body), event);
    assert.equal(requests, 2);
    await waitFor('the broken rule logged as failed', () =>
      daemonLog(home).some((entry) => entry.event === 'alert' && entry.rule === 'broken' && entry.level === 50),
    );
    const { code } = await runCli(['ping'], { home });
    assert.equal(code, 0, 'the daemon is fine');
  });

  it('a crash loop of 100 restarts sends at most the rate limit of alerts', async (t) => {
    const home = makeHome(t);
    const sink = path.join(home, 'alerts.jsonl');
    writeConfig(home, {
      alerts: [{ name: 'loop', on: ['crash'], crash: { restarts: 3, within: '1m' }, rate_limit: { max: 3, per: '10m' }, command: sinkCommand(sink) }],
    });
    // `false` exits 1 at once; a 10 ms restart delay makes 100 restarts quick.
    const file = writeAppFile(t, { apps: [{ name: 'loop', script: 'false', restart_delay: 10, max_restarts: 10_000 }] });
    await startFails([file], { home });
    await waitFor(
      '100 restarts',
      async () => ((await listInstances({ home })).find((row) => row.app === 'loop')?.restarts ?? 0) >= 100,
      { timeoutMs: 40_000, intervalMs: 200 },
    );
    assert.equal((await runCli(['stop', 'loop'], { home })).code, 0);
    // Every alert that got through is logged once delivered; wait until the sink has all of them.
    const delivered = await waitFor('deliveries to settle', () => {
      const logged = daemonLog(home).filter((entry) => entry.event === 'alert' && entry.rule === 'loop').length;
      const received = readJsonLines<SinkLine>(sink).length;
      return logged > 0 && logged === received ? received : undefined;
    });
    assert.ok(delivered >= 1 && delivered <= 3, `${delivered} alerts for a crash loop of 100+ restarts`);
    const kinds = readJsonLines<SinkLine>(sink).map((line) => (JSON.parse(line.stdin) as { kind: string }).kind);
    assert.deepEqual([...new Set(kinds)], ['crash']);
    assert.ok(daemonLog(home).some((entry) => entry.event === 'alert_suppressed' && entry.rule === 'loop'), 'the suppression is logged');
  });
});
