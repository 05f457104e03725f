// GET /logs/files?app=NAME: the log files of an app that GET /logs/download serves, for the dashboard's
// app page: each instance's current file and rotated files per stream that exist now, with their sizes.
import path from 'node:path';
import { SvctlError } from '@svctl/protocol';
import { DASHBOARD_HEADERS } from './dashboard-headers.js';
import { sendError, sendJson } from './http-reply.js';
import { currentLogFiles, filesOnDisk } from './log-files.js';
import type { Route } from './routes.js';
import { oneShotConnection } from './rpc-route.js';

export function logFilesRoute(): Route {
  return {
    method: 'GET',
    path: '/logs/files',
    access: 'token',
    serve: ({ request, response, dispatcher, peer, connectionId }) => {
      const app = new URL(request.url ?? '/', 'http://x').searchParams.get('app') ?? '';
      if (app === '') {
        sendError(response, 400, new SvctlError('INVALID_PARAMS', 'GET /logs/files takes app=NAME'), undefined, DASHBOARD_HEADERS);
        return;
      }
      void currentLogFiles(dispatcher, oneShotConnection(connectionId, peer), app).then(async (current) => {
        if (!Array.isArray(current)) {
          sendError(response, current.status, current.error, undefined, DASHBOARD_HEADERS);
          return;
        }
        // A file shared by instances (merge_logs) is listed once, under the first.
        const unique = current.filter((one, index) => current.findIndex((other) => other.path === one.path) === index);
        const files = (await Promise.all(unique.map(filesOnDisk))).flat();
        sendJson(response, 200, { files: files.map(({ instance, stream, rotated, compressed, bytes, path: file }) => ({ instance, stream, rotated, name: path.basename(file), compressed, bytes })) }, DASHBOARD_HEADERS);
      });
    },
  };
}
