// Preloaded into every cluster worker (`node --require cluster-worker.cjs`): makes taking a worker out of
// rotation lose no request. When the primary disconnects the worker, Node closes its servers, and an HTTP
// server's close() also closes its idle connections at once, among them connections whose request is on the
// wire but not read yet, and keep-alive connections the client is about to reuse: those requests fail. While
// the worker is disconnecting, idle connections are therefore left open and every response says
// `Connection: close`, so each client finishes its request and moves to another worker; the worker exits once
// its last connection is closed (or is stopped after kill_timeout).
import cluster from 'node:cluster';
import http from 'node:http';
import https from 'node:https';

const leaving = (): boolean => cluster.worker?.exitedAfterDisconnect === true;

for (const Server of [http.Server, https.Server]) {
  const closeIdle = Server.prototype.closeIdleConnections;
  Server.prototype.closeIdleConnections = function closeIdleConnectionsUnlessLeaving(this: http.Server) {
    if (!leaving()) closeIdle.call(this);
  };
}

const writeHead = http.ServerResponse.prototype.writeHead;
http.ServerResponse.prototype.writeHead = function writeHeadClosingWhenLeaving(this: http.ServerResponse, ...args: unknown[]) {
  if (leaving()) this.shouldKeepAlive = false;
  return Reflect.apply(writeHead, this, args) as http.ServerResponse;
} as typeof writeHead;
