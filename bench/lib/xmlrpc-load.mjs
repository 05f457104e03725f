// supervisord's counterpart of bench/lib/unix-load.mjs: CLIENTS closed-loop clients, each with one keep-alive
// connection to supervisord's Unix socket, POSTing `supervisor.getAllProcessInfo` (XML-RPC, what
// `supervisorctl status` asks) one at a time for SECONDS. An answer counts when it is a methodResponse without
// a fault; a sample of them must list EXPECTED_ROWS processes.
// Usage: node bench/lib/xmlrpc-load.mjs SOCKET CLIENTS SECONDS EXPECTED_ROWS   → one JSON line on stdout
import http from 'node:http';
import { closedLoop } from './closed-loop.mjs';

const [socketPath, clients = '50', seconds = '10', expectedRows = '0'] = process.argv.slice(2);
const PARSE_EVERY = 200;
const BODY = '<?xml version="1.0"?><methodCall><methodName>supervisor.getAllProcessInfo</methodName><params></params></methodCall>';

function call(agent) {
  return new Promise((resolve) => {
    const request = http.request({ socketPath, agent, method: 'POST', path: '/RPC2', headers: { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(BODY) } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve(response.statusCode === 200 ? text : null));
    });
    request.on('error', () => resolve(null));
    request.end(BODY);
  });
}

async function runClient(deadline, latencies, counts) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  while (Date.now() < deadline) {
    const sentAt = process.hrtime.bigint();
    const text = await call(agent);
    latencies.push(Number(process.hrtime.bigint() - sentAt) / 1e6);
    if (text === null || !text.includes('<methodResponse>') || text.includes('<fault>')) counts.errors++;
    else if (++counts.ok % PARSE_EVERY === 0 && (text.match(/<name>pid<\/name>/g) ?? []).length !== Number(expectedRows)) counts.wrongRows++;
  }
  agent.destroy();
}

await closedLoop(clients, seconds, runClient);
