// Reload under load (issue 12): svctl cluster mode, svctl held sockets (`listen`, a Python server) and pm2 7
// cluster mode, in the same run, with client keep-alive off and on. For each: an app of `instances` servers
// on one loopback port, a steady load of `concurrency` request loops, then `reload` while the load runs.
// Reported: requests sent, failed (no answer: refused, reset, hang-up), non-2xx, p99 latency of the
// requests sent during the reload, and the reload's duration (the CLI command, start to exit).
//
// Usage: node bench/reload-under-load.mjs [instances=2] [concurrency=8] [--only=svctl|pm2]
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createSvctl, makeTempDir, nowMs, parseArgs, root, sleep, waitFor } from './lib/apps.mjs';
import { createPm2, ensurePm2, pm2Version } from './lib/pm2.mjs';

const options = parseArgs(process.argv.slice(2), { instances: 2, concurrency: 8 });
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

async function measure(label, supervisor, appFile, port, keepAlive) {
  await supervisor.start(appFile);
  await waitFor(async () => (await supervisor.list()).filter((row) => row.status === 'online').length === options.instances, { timeoutMs: 60_000, what: `${label} online` });
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
  return {
    setup: label,
    'keep-alive': keepAlive ? 'on' : 'off',
    requests: result.sent,
    failed: result.failed,
    non2xx: result.non2xx,
    'p99 during reload': p99(during) === null ? 'n/a' : `${p99(during).toFixed(1)} ms`,
    'reload duration': `${Math.round(end - begin)} ms${reloadError === null ? '' : ` (failed: ${reloadError})`}`,
    errors: result.errors.join(' ') || '-',
  };
}

const dir = makeTempDir('/tmp/svctl-bench-reload-');
fs.writeFileSync(path.join(dir, 'server.cjs'), NODE_SERVER);
const kinds = ['svctl', 'pm2'].filter((kind) => options.only === null || options.only === kind);
if (kinds.includes('pm2')) ensurePm2();
const rows = [];
try {
  for (const keepAlive of [false, true]) {
    if (kinds.includes('svctl')) {
      const svctl = createSvctl({ timeoutMs: 120_000 });
      try {
        await svctl.startDaemon();
        let port = await freePort();
        const cluster = path.join(dir, `svctl-cluster-${keepAlive}.json`);
        fs.writeFileSync(cluster, JSON.stringify({ apps: [{ name: 'web', script: path.join(dir, 'server.cjs'), exec_mode: 'cluster', instances: options.instances, env: { PORT: port } }] }));
        rows.push(await measure('svctl cluster', svctl, cluster, port, keepAlive));
        port = await freePort();
        const held = path.join(dir, `svctl-held-${keepAlive}.json`);
        const python = path.join(root, 'examples/held-socket/server.py');
        fs.writeFileSync(held, JSON.stringify({ apps: [{ name: 'web', script: python, instances: options.instances, listen: `127.0.0.1:${port}`, kill_timeout: 15_000 }] }));
        rows.push(await measure('svctl held socket (Python)', svctl, held, port, keepAlive));
      } finally {
        await svctl.cleanup();
      }
    }
    if (kinds.includes('pm2')) {
      const pm2 = createPm2({ timeoutMs: 120_000 });
      try {
        await pm2.startDaemon();
        const port = await freePort();
        const file = path.join(dir, `pm2-cluster-${keepAlive}.config.js`);
        fs.writeFileSync(file, `module.exports = { apps: [${JSON.stringify({ name: 'web', script: path.join(dir, 'server.cjs'), exec_mode: 'cluster', instances: options.instances, env: { PORT: port } })}] };\n`);
        rows.push(await measure('pm2 cluster', pm2, file, port, keepAlive));
      } finally {
        await pm2.cleanup();
      }
    }
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

console.log(`\nreload under load: ${options.instances} instances, ${options.concurrency} request loops, ${SETTLE_MS} ms of load before and after`);
console.log(`node ${process.version}; pm2 ${kinds.includes('pm2') ? pm2Version() : '-'}; ${os.cpus().length} cpus, load ${os.loadavg()[0].toFixed(2)}`);
const header = Object.keys(rows[0] ?? {});
console.log(`| ${header.join(' | ')} |\n|${header.map(() => ' --- ').join('|')}|`);
for (const row of rows) console.log(`| ${header.map((key) => row[key]).join(' | ')} |`);
