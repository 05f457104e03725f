// A closed-loop load generator for the Unix socket, run as its own process by bench/rpc-load.mjs so it
// does not share an event loop with the bench's timing. Each of CLIENTS connections says hello, then
// sends one `apps.list` at a time with the real newline framing, the next as soon as the answer's
// newline arrives, for SECONDS. Every answer is checked to be a result (not an error); a sample of
// them is parsed in full and must list EXPECTED_ROWS instances.
// Usage: node bench/lib/unix-load.mjs SOCKET CLIENTS SECONDS EXPECTED_ROWS [THREADS]   → one JSON line on stdout
import net from 'node:net';
import { PROTOCOL_VERSION } from '../../packages/protocol/dist/index.js';
import { closedLoop } from './closed-loop.mjs';

const [socketPath, clients = '50', seconds = '10', expectedRows = '0', threads = '1'] = process.argv.slice(2);
const PARSE_EVERY = 500;

function runClient(deadline, latencies, counts) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(socketPath);
    let id = 0;
    let sentAt = 0n;
    let pending = '';
    const send = (method, params) => {
      sentAt = process.hrtime.bigint();
      socket.write(`${JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params })}\n`);
    };
    socket.setEncoding('utf8');
    socket.on('connect', () => send('daemon.hello', { protocol_version: PROTOCOL_VERSION, client: { name: 'rpc-load', version: '0' } }));
    socket.on('data', (chunk) => {
      pending += chunk;
      let newline;
      while ((newline = pending.indexOf('\n')) !== -1) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        if (id > 1) {
          latencies.push(Number(process.hrtime.bigint() - sentAt) / 1e6);
          if (!line.includes('"result":')) counts.errors++;
          else if (++counts.ok % PARSE_EVERY === 0 && JSON.parse(line).result.instances.length !== Number(expectedRows)) counts.wrongRows++;
        }
        if (Date.now() >= deadline) {
          socket.end();
          return;
        }
        send('apps.list', {});
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve());
  });
}

await closedLoop(clients, seconds, runClient, threads);
