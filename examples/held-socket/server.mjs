// A Node HTTP server on the socket svctl holds for it (`listen`): fd 3, systemd's convention.
import http from 'node:http';

if (process.env.LISTEN_PID !== String(process.pid) || Number(process.env.LISTEN_FDS ?? 0) < 1) {
  throw new Error('no socket passed: start me with svctl and a `listen` key');
}
const server = http.createServer((request, response) => response.end(String(process.pid)));
server.listen({ fd: 3 }, () => console.log(`serving on fd 3, pid ${process.pid}`));
// Stop accepting, finish the requests in progress (idle keep-alive connections are closed), exit.
process.on('SIGTERM', () => server.close(() => process.exit(0)));
