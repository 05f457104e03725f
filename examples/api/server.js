// Minimal HTTP API with no dependencies.
//   GET /        -> {"ok":true,"pid":1234,"instance":"0"}
//   GET /health  -> 200 {"status":"ok"}
// The port comes from the environment (examples/api.json sets PORT=3000).
// On SIGTERM it stops accepting connections, lets in-flight requests finish and exits 0,
// which svctl records as a clean stop.
'use strict';
const http = require('node:http');

const port = Number(process.env.PORT || 3000);

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/') {
    send(res, 200, { ok: true, pid: process.pid, instance: process.env.SVCTL_INSTANCE });
  } else if (req.method === 'GET' && url.pathname === '/health') {
    send(res, 200, { status: 'ok' });
  } else {
    send(res, 404, { ok: false, error: 'not found' });
  }
});

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

server.listen(port, () => {
  console.log(`api: listening on http://localhost:${port} (pid ${process.pid}, instance ${process.env.SVCTL_INSTANCE ?? '-'})`);
});

process.on('SIGTERM', () => {
  console.log('api: SIGTERM received, closing server');
  server.close(() => process.exit(0));
  // Keep-alive connections can hold close() open; drop them so the exit is prompt.
  server.closeIdleConnections?.();
});
