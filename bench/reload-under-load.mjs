// Reload under load (issue 12): svctl cluster mode, svctl held sockets (`listen`, a Python server) and pm2 7
// cluster mode, in the same run, with client keep-alive off and on. For each: an app of `instances` servers
// on one loopback port, a steady load of `concurrency` request loops, then `reload` while the load runs.
// Reported: requests sent, failed (no answer: refused, reset, hang-up), non-2xx, p99 latency of the
// requests sent during the reload, and the reload's duration (the CLI command, start to exit).
//
// supervisord has no counterpart (no cluster mode, no reload that keeps a port served): n/a.
// Usage: node bench/reload-under-load.mjs [instances=2] [concurrency=8] [runs=1] [--only=svctl,pm2]
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { isMain, makeTempDir, nowMs, parseArgs, root, sleep, waitFor } from './lib/apps.mjs';
import { runStandalone } from './lib/benchmark.mjs';
import { summarize } from './lib/measure.mjs';
import { createSupervisor } from './lib/supervisors.mjs';

const options = parseArgs(isMain(import.meta.url) ? process.argv.slice(2) : [], { instances: 2, concurrency: 8, runs: 1 });
const SETTLE_MS = 1500; // load before and after the reload

// CommonJS, so pm2's cluster mode runs it as it is.
const NODE_SERVER = `const http = require('node:http');
http.createServer((request, response) => response.end(String(process.pid))).listen(Number(process.env.PORT), '127.0.0.1');
`;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Request loops until stop(); each request's start time and latency are kept. */
function startLoad(port, keepAlive) {
  const agent = new http.Agent({ keepAlive, maxSockets: options.concurrency });
  const counts = { sent: 0, failed: 0, non2xx: 0, errors: new Set() };
  const samples = []; // [startedAt, latencyMs]
  let running = true;
  const one = () =>
    new Promise((resolve) => {
      const started = nowMs();
      counts.sent++;
      const request = http.get({ host: '127.0.0.1', port, path: '/', agent, timeout: 10_000 }, (response) => {
        response.resume();
        response.on('end', () => {
          if (response.statusCode < 200 || response.statusCode >= 300) counts.non2xx++;
          samples.push([started, nowMs() - started]);
          resolve();
        });
      });
      request.on('timeout', () => request.destroy(new Error('timeout')));
      request.on('error', (error) => {
        counts.failed++;
        counts.errors.add(error.code ?? error.message);
        resolve();
      });
    });
  const loops = Array.from({ length: options.concurrency }, async () => {
    while (running) await one();
  });
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
      agent.destroy();
      return { ...counts, errors: [...counts.errors], samples };
    },
  };
}

function p99(latencies) {
  if (latencies.length === 0) return null;
  const sorted = [...latencies].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))];
}

async function serving(port) {
  await waitFor(
    () =>
      new Promise((resolve) => {
        http.get({ host: '127.0.0.1', port, path: '/', agent: false }, (response) => resolve(response.statusCode === 200) || response.resume()).on('error', () => resolve(false));
      }),
    { timeoutMs: 30_000, what: `port ${port} serving` },
  );
}

async function measure(supervisor, appFile, port, keepAlive) {
  await supervisor.start(appFile);
  await waitFor(async () => (await supervisor.list()).filter((row) => row.status === 'online').length === options.instances, { timeoutMs: 60_000, what: `${supervisor.name} online` });
  await serving(port);
  const load = startLoad(port, keepAlive);
  await sleep(SETTLE_MS);
  const begin = nowMs();
  let reloadError = null;
  await supervisor.cli('reload', 'web').catch((error) => (reloadError = error.message.split('\n')[0]));
  const end = nowMs();
  await sleep(SETTLE_MS);
  const result = await load.stop();
  await supervisor.deleteAll();
  const during = result.samples.filter(([started]) => started >= begin && started <= end).map(([, latency]) => latency);
  return { requests: result.sent, failed: result.failed, non2xx: result.non2xx, p99: p99(during), durationMs: end - begin, reloadError, errors: result.errors };
}

/** An app file for `setup` on a fresh port: svctl or pm2 cluster mode, or svctl held sockets (Python). */
async function appFile(dir, setup, keepAlive) {
  const port = await freePort();
  const script = path.join(dir, 'server.cjs');
  const app =
    setup === 'held'
      ? { name: 'web', script: path.join(root, 'examples/held-socket/server.py'), instances: options.instances, listen: `127.0.0.1:${port}`, kill_timeout: 15_000 }
      : { name: 'web', script, exec_mode: 'cluster', instances: options.instances, env: { PORT: port } };
  const file = path.join(dir, `${setup}-${keepAlive}.json`);
  fs.writeFileSync(file, JSON.stringify({ apps: [app] }));
  return { file, port };
}

/** Runs of one setup ('svctl' / 'pm2' cluster, or 'held') with keep-alive off and on, in one daemon each. */
async function measureSetup(dir, setup, keepAlive) {
  const supervisor = createSupervisor(setup === 'held' ? 'svctl' : setup, { timeoutMs: 120_000 });
  try {
    await supervisor.startDaemon();
    const results = [];
    for (let i = 0; i < options.runs; i++) {
      const { file, port } = await appFile(dir, setup, keepAlive);
      const result = await measure(supervisor, file, port, keepAlive);
      console.error(`reload ${setup} keep-alive ${keepAlive ? 'on' : 'off'}: ${JSON.stringify(result)}`);
      results.push(result);
    }
    return results;
  } finally {
    await supervisor.cleanup();
  }
}

export const benchmark = {
  id: 'reload',
  title: 'Reload under HTTP load',
  what:
    `Two instances of a Node HTTP server on one loopback port (cluster mode), ${options.concurrency} request loops ` +
    `running ${SETTLE_MS} ms before, during and after \`reload web\`, client keep-alive off and on. Failed = no ` +
    'answer (refused, reset, hang-up, timeout); p99 over the requests sent while the reload ran. supervisord has ' +
    'no counterpart (no cluster mode, no reload that keeps a port served).',
  /** Quick mode: keep-alive on only (where pm2 fails most). */
  async run({ kinds, quick, runs = 1, held = false }) {
    options.runs = runs;
    const dir = makeTempDir('/tmp/svctl-bench-reload-');
    fs.writeFileSync(path.join(dir, 'server.cjs'), NODE_SERVER);
    const rows = [];
    const lines = [];
    try {
      for (const keepAlive of quick ? [true] : [false, true]) {
        const results = {};
        for (const kind of kinds.filter((k) => k !== 'supervisord')) results[kind] = await measureSetup(dir, kind, keepAlive).catch((error) => console.error(`reload ${kind}: ${error.message}`));
        const values = (pick) => ({
          ...Object.fromEntries(Object.entries(results).map(([kind, done]) => [kind, done === undefined ? null : summarize(done.map(pick))])),
          supervisord: { na: 'no cluster mode or graceful reload' },
        });
        const mode = `keep-alive ${keepAlive ? 'on' : 'off'}`;
        rows.push(
          { metric: `failed requests, ${mode}`, unit: '', better: 'lower', values: values((r) => r.failed + r.non2xx) },
          { metric: `p99 latency during the reload, ${mode}`, unit: 'ms', better: 'lower', values: values((r) => r.p99) },
          { metric: `reload duration, ${mode}`, unit: 'ms', values: values((r) => r.durationMs) },
        );
        for (const [kind, done] of Object.entries(results)) {
          const errors = [...new Set((done ?? []).flatMap((r) => r.errors))];
          if (errors.length > 0) lines.push(`${kind}, ${mode}: errors seen by the clients: ${errors.join(', ')}.`);
        }
        if (held) {
          const done = await measureSetup(dir, 'held', keepAlive);
          lines.push(`svctl held socket (\`listen\`, a Python server), ${mode}: ${done.map((r) => r.failed + r.non2xx).join(', ')} failed of ${done.map((r) => r.requests).join(', ')} requests.`);
        }
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return { rows, lines };
  },
};

if (isMain(import.meta.url)) await runStandalone(benchmark, { only: options.only, runs: options.runs, held: true });
