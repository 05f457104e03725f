// Tiny HTTP server started through `npm start` (see package.json next to it) by
// examples/ecosystem.config.js. The port comes from env / env_production in that file.
'use strict';
const http = require('node:http');

const port = Number(process.env.PORT || 3100);
const mode = process.env.NODE_ENV || 'development';

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end(`hello from web (${mode}, pid ${process.pid})\n`);
});

server.listen(port, () => console.log(`web: ${mode} server on http://localhost:${port}`));

// The process tree is npm -> sh -c -> node. npm does not reliably pass signals through the shell,
// so a supervisor must signal the whole process group (svctl and pm2's treekill do); then this
// handler runs: close and exit cleanly.
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    console.log(`web: ${signal}, shutting down`);
    server.close(() => process.exit(0));
    server.closeIdleConnections?.();
  });
}
