// RPC load: `apps.list` throughput and latency over the Unix socket and over HTTPS POST /rpc, and
// whether supervision keeps up meanwhile (issue 13).
//
// One svctld (launched with its usual node flags, gateway on a free loopback port with a self-signed
// certificate made here, rate limit raised out of the way) supervising APPS idle Node apps plus one
// `crasher` (restart_delay 0). Then:
//   (a) unix:  CLIENTS concurrent connections, each one `apps.list` at a time with the real newline
//              framing (bench/lib/unix-load.mjs, its own process), for SECONDS: requests/s, p50, p99.
//   (b) https: autocannon (installed by this script into a temporary folder, never a project
//              dependency) with CLIENTS connections POSTing `apps.list` to /rpc with a read token.
//   (c) supervision: the crasher is SIGKILLed repeatedly, with no load and during (a) and (b); the
//              restart latency is kill → the daemon's `online` transition (the event's own `at`,
//              stamped by the daemon when it makes the transition, so a slow event delivery does
//              not count).
// Usage: node bench/rpc-load.mjs [--seconds=10] [--clients=50] [--apps=20] [--crashes=8] [--only=unix|https] [--profile=DIR] [--daemon-flags='...'] [--generator-threads=1]
//   --profile=DIR runs the daemon with --cpu-prof into DIR (a .cpuprofile for Chrome DevTools).
//   --daemon-flags adds node flags after the usual ones (e.g. '--max-semi-space-size=4 --trace-gc' to compare).
//   --generator-threads=N shares the unix clients out over N event loops of the load generator (still one
//   request in flight per client).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { AppsList, DAEMON_NODE_FLAGS, EventsSubscribe, SvctlClient } from '../packages/protocol/dist/index.js';
import { createSupervisor } from './lib/supervisors.mjs';
import { createSvctl, isMain, makeTempDir, parseCliJson, root, run, sleep, waitAllOnline, writeAppFile } from './lib/apps.mjs';
import { median, summarize } from './lib/measure.mjs';

const options = { seconds: 10, clients: 50, apps: 20, crashes: 8, profile: null, only: null, 'daemon-flags': '', 'generator-threads': 1 };
for (const arg of isMain(import.meta.url) ? process.argv.slice(2) : []) {
  const match = /^--([\w-]+)=(.*)$/.exec(arg);
  if (match === null || !(match[1] in options)) throw new Error(`unknown argument ${arg}`);
  options[match[1]] = match[1] === 'profile' ? path.resolve(match[2]) : typeof options[match[1]] === 'number' ? Number(match[2]) : match[2];
}
const STABLE_MS = 500; // the crasher stays up well past its min_uptime (100 ms) before each kill
const TARGET = { rps: 5000, p99: 20 };

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function runJson(command, args, timeoutMs) {
  return run(command, args, { timeoutMs }).then(({ stdout }) => JSON.parse(stdout.trim().split('\n').at(-1)));
}

/** svctld in the foreground, as its launchers run it (DAEMON_NODE_FLAGS), resolved once its ready line is out. */
async function startDaemon(env, args) {
  const profile = options.profile === null ? [] : ['--cpu-prof', '--cpu-prof-dir', options.profile];
  const extra = options['daemon-flags'].split(' ').filter((flag) => flag !== '');
  const child = spawn(process.execPath, [...DAEMON_NODE_FLAGS, ...extra, ...profile, path.join(root, 'packages/daemon/dist/svctld.mjs'), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 30_000;
  while (!output.includes(' ready (pid ')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`svctld did not become ready: ${output}`);
    await sleep(20);
  }
  return child;
}

/** Kills the crasher again and again while `busy()` holds (at least `min` times); kill → online latencies in ms. */
async function crashLoop(client, transitions, { min, busy }) {
  const latencies = [];
  while (latencies.length < min || busy()) {
    await sleep(STABLE_MS);
    const { instances } = await client.call(AppsList, {});
    const row = instances.find((instance) => instance.app === 'crasher' && instance.status === 'online');
    if (row === undefined || row.pid === null) continue;
    const killedAt = Date.now();
    process.kill(row.pid, 'SIGKILL');
    const deadline = killedAt + 30_000;
    let online;
    while ((online = transitions.find((event) => event.app === 'crasher' && event.to === 'online' && Date.parse(event.at) >= killedAt)) === undefined) {
      if (Date.now() > deadline) throw new Error('the crasher did not come back online within 30 s');
      await sleep(5);
    }
    latencies.push(Date.parse(online.at) - killedAt);
  }
  return latencies;
}

/** CPU time (user + system) the process has used so far, in ms, from /proc (clock ticks of 10 ms). */
function cpuMsOf(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Runs one load (a promise of its figures) with the crash loop beside it; adds the daemon's CPU per request. */
async function underLoad(client, transitions, daemonPid, startLoad) {
  let running = true;
  const cpuBefore = cpuMsOf(daemonPid);
  const load = startLoad().finally(() => (running = false));
  const restarts = await crashLoop(client, transitions, { min: 1, busy: () => running });
  const figures = await load;
  return { ...figures, restarts, cpuMs: cpuMsOf(daemonPid) - cpuBefore };
}

/** autocannon 9, installed once into bench/.cache/autocannon (never a project dependency). */
async function installAutocannon() {
  const dir = path.join(root, 'bench', '.cache', 'autocannon');
  const bin = path.join(dir, 'node_modules/autocannon/autocannon.js');
  if (!fs.existsSync(bin)) await run('npm', ['install', '--prefix', dir, 'autocannon@9', '--no-save', '--no-audit', '--no-fund', '--loglevel=error'], { timeoutMs: 180_000 });
  return bin;
}

/** One run: (a) unix, (b) https, each with the crash loop beside it; { idleRestarts, unix, https, rows }. */
async function rpcLoad() {
  const svctl = createSvctl();
  const scratch = makeTempDir('/tmp/svctl-rpc-load-');
  let daemon;
  let client;
  try {
    const autocannon = await installAutocannon();
    const cert = path.join(scratch, 'cert.pem');
    const key = path.join(scratch, 'key.pem');
    await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=rpc-load', '-addext', 'subjectAltName=IP:127.0.0.1']);
    const port = await freePort();
    daemon = await startDaemon(svctl.env, ['--http', `127.0.0.1:${port}`, '--http-tls-cert', cert, '--http-tls-key', key, '--http-rate', '1000000', '--http-burst', '1000000']);

    const appsDir = path.join(scratch, 'apps');
    const crasherDir = path.join(scratch, 'crasher');
    fs.mkdirSync(appsDir);
    fs.mkdirSync(crasherDir);
    await svctl.start(writeAppFile(appsDir, { count: options.apps }).file);
    await svctl.start(writeAppFile(crasherDir, { count: 1, prefix: 'crasher', extra: { restart_delay: 0, min_uptime: 100, max_restarts: 1_000_000 } }).file);
    const rows = options.apps + 1;
    await waitAllOnline(svctl, rows);
    const token = parseCliJson((await svctl.cli('token', 'create', 'bench', '--role', 'read', '--json')).stdout).token;

    client = await SvctlClient.connect({ home: svctl.home });
    const transitions = [];
    await client.subscribe(EventsSubscribe, { snapshot: false }, { onItem: (item) => item.type === 'transition' && transitions.push(item) });

    const idleRestarts = await crashLoop(client, transitions, { min: options.crashes, busy: () => false });
    const unix = options.only === 'https' ? null : await underLoad(client, transitions, daemon.pid, () =>
      runJson(process.execPath, [path.join(root, 'bench/lib/unix-load.mjs'), path.join(svctl.home, 'daemon.sock'), String(options.clients), String(options.seconds), String(rows), String(options['generator-threads'])], options.seconds * 1000 + 60_000),
    );
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'apps.list', params: {} });
    const https = options.only === 'unix' ? null : await underLoad(client, transitions, daemon.pid, () =>
      runJson(
        process.execPath,
        [autocannon, '--json', '-c', String(options.clients), '-d', String(options.seconds), '-m', 'POST', '-H', `authorization=Bearer ${token}`, '-H', 'content-type=application/json', '-b', body, `https://127.0.0.1:${port}/rpc`],
        options.seconds * 1000 + 60_000,
      ),
    );

    return { idleRestarts, unix, https };
  } finally {
    client?.close();
    await svctl.cleanup();
    if (daemon !== undefined && daemon.exitCode === null) daemon.kill('SIGKILL');
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** supervisord's counterpart of (a): the same idle apps, XML-RPC `getAllProcessInfo` over its Unix socket. */
async function supervisordLoad() {
  const supervisord = createSupervisor('supervisord');
  const dir = makeTempDir('/tmp/svctl-rpc-load-');
  try {
    await supervisord.startDaemon();
    await supervisord.start(writeAppFile(dir, { count: options.apps }).file);
    await waitAllOnline(supervisord, options.apps);
    const args = [path.join(root, 'bench/lib/xmlrpc-load.mjs'), supervisord.socket, String(options.clients), String(options.seconds), String(options.apps)];
    return await runJson(process.execPath, args, options.seconds * 1000 + 60_000);
  } finally {
    await supervisord.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function printRun({ idleRestarts, unix, https }) {
  const figure = (value, unit = '') => (value === null || value === undefined ? 'n/a' : `${Number(value).toFixed(value < 10 ? 2 : 0)}${unit}`);
  // Includes the crash loop's few requests and restarts: small beside tens of thousands of requests.
  const perRequest = (cpuMs, requests) => `${((cpuMs * 1000) / requests).toFixed(0)} µs`;
  const restartCell = (samples) => `median ${figure(median(samples), ' ms')}, max ${figure(Math.max(...samples), ' ms')} (${samples.length} kills)`;
  console.log(`\nsvctl rpc-load: ${options.apps} idle apps + 1 crasher, ${options.clients} clients, ${options.seconds} s each; node ${process.version}; ${os.cpus().length}x ${os.cpus()[0]?.model}; load before ${os.loadavg()[0].toFixed(1)}`);
  const table = [
    ['transport', 'requests/s', 'p50', 'p99', 'failed', 'daemon CPU/request', 'crash → online meanwhile'],
    ['none (idle)', '', '', '', '', '', restartCell(idleRestarts)],
    ...(unix === null ? [] : [['unix socket', figure(unix.rps), figure(unix.p50, ' ms'), figure(unix.p99, ' ms'), String(unix.errors + unix.wrongRows), perRequest(unix.cpuMs, unix.requests), restartCell(unix.restarts)]]),
    ...(https === null ? [] : [['https /rpc', figure(https.requests.average), figure(https.latency.p50, ' ms'), figure(https.latency.p99, ' ms'), String(https.errors + https.non2xx), perRequest(https.cpuMs, https.requests.total), restartCell(https.restarts)]]),
  ];
  const widths = table[0].map((_, column) => Math.max(...table.map((line) => line[column].length)));
  for (const line of table) console.log(line.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd());
  if (unix !== null) {
    const met = unix.rps >= TARGET.rps && unix.p99 < TARGET.p99 && unix.errors + unix.wrongRows === 0;
    console.log(`target (unix): >= ${TARGET.rps} req/s, p99 < ${TARGET.p99} ms: ${met ? 'met' : 'MISSED'}`);
  }
}

export const benchmark = {
  id: 'rpc',
  title: 'RPC load over the Unix socket, and HTTPS load',
  what:
    `One svctld supervising ${options.apps} idle Node apps and a \`crasher\`. (a) \`apps.list\` over the Unix socket from ` +
    `${options.clients} closed-loop clients (one request in flight each, real newline framing, a process of its own); (b) the ` +
    'same request over HTTPS `POST /rpc` (the gateway, a self-signed certificate) with autocannon 9, installed by the ' +
    'script into bench/.cache; (c) meanwhile the crasher is SIGKILLed every ~0.5 s: kill → its `online` transition. ' +
    'supervisord: the same idle apps, XML-RPC `supervisor.getAllProcessInfo` (what `supervisorctl status` asks) ' +
    'over its Unix socket from as many keep-alive clients. pm2 has no client RPC to load (its socket protocol is ' +
    'internal to its CLI) and no HTTP API; supervisord has no HTTPS.',
  async run({ kinds, quick, seconds = quick ? 3 : 5, runs = 1 }) {
    Object.assign(options, { seconds });
    const done = [];
    const xmlrpc = [];
    for (let i = 0; i < runs; i++) {
      if (kinds.includes('svctl')) {
        const result = await rpcLoad();
        console.error(`rpc run ${i + 1}: unix ${result.unix?.rps?.toFixed(0)} req/s p99 ${result.unix?.p99?.toFixed(1)} ms; https ${result.https?.requests.average} req/s`);
        done.push(result);
      }
      if (kinds.includes('supervisord')) {
        xmlrpc.push(await supervisordLoad().catch((error) => console.error(`rpc supervisord: ${error.message}`)));
        console.error(`rpc run ${i + 1}: supervisord ${xmlrpc.at(-1)?.rps?.toFixed(0)} req/s`);
      }
    }
    const svctl = (pick) => summarize(done.map(pick).filter((value) => value != null));
    const supervisord = (pick) => summarize(xmlrpc.filter((value) => value != null).map(pick));
    const none = { pm2: { na: 'no client RPC' }, supervisord: { na: 'not measured' } };
    const unixRow = (metric, unit, better, pickSvctl, pickSupervisord) => ({ metric, unit, better, values: { svctl: svctl(pickSvctl), pm2: none.pm2, supervisord: supervisord(pickSupervisord) } });
    const noHttps = { pm2: { na: 'no HTTP API' }, supervisord: { na: 'no HTTPS (inet_http_server is plain HTTP)' } };
    return {
      rows: [
        unixRow(`unix socket: list requests/s, ${options.clients} clients`, 'req/s', 'higher', (r) => r.unix.rps, (r) => r.rps),
        unixRow('unix socket: p99 latency', 'ms', 'lower', (r) => r.unix.p99, (r) => r.p99),
        unixRow('unix socket: failed answers', '', 'lower', (r) => r.unix.errors + r.unix.wrongRows, (r) => r.errors + r.wrongRows),
        { metric: `HTTPS POST /rpc: requests/s, ${options.clients} connections`, unit: 'req/s', better: 'higher', values: { svctl: svctl((r) => r.https.requests.average), ...noHttps } },
        { metric: 'HTTPS: p99 latency', unit: 'ms', better: 'lower', values: { svctl: svctl((r) => r.https.latency.p99), ...noHttps } },
        { metric: 'HTTPS: errors + non-2xx', unit: '', better: 'lower', values: { svctl: svctl((r) => r.https.errors + r.https.non2xx), ...noHttps } },
        { metric: 'crash → online, idle (median of the kills)', unit: 'ms', better: 'lower', values: { svctl: svctl((r) => median(r.idleRestarts)), ...none } },
        { metric: 'crash → online under unix load', unit: 'ms', better: 'lower', values: { svctl: svctl((r) => median(r.unix.restarts)), ...none } },
        { metric: 'crash → online under HTTPS load', unit: 'ms', better: 'lower', values: { svctl: svctl((r) => median(r.https.restarts)), ...noHttps } },
      ],
    };
  },
};

if (isMain(import.meta.url)) printRun(await rpcLoad());
