// GET /logs/download?app=NAME&stream=out|err[&instance=N][&rotated=R]: one instance's current log file
// (or, with rotated=R, its Rth newest rotated file, `.gz` as it is on disk) as an attachment, for the
// dashboard's app page. The paths come from log-files.ts (apps.describe with the caller's rights); only
// those are read.
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { SvctlError } from '@svctl/protocol';
import { DASHBOARD_HEADERS } from './dashboard-headers.js';
import { sendError } from './http-reply.js';
import { currentLogFiles, filesOnDisk } from './log-files.js';
import type { Route } from './routes.js';
import { oneShotConnection } from './rpc-route.js';

export function logDownloadRoute(): Route {
  return {
    method: 'GET',
    path: '/logs/download',
    access: 'token',
    serve: ({ request, response, dispatcher, peer, connectionId }) => {
      const query = new URL(request.url ?? '/', 'http://x').searchParams;
      const app = query.get('app') ?? '';
      const stream = query.get('stream') ?? 'out';
      const instance = Number(query.get('instance') ?? '0');
      const rotated = Number(query.get('rotated') ?? '0');
      const refuse = (status: number, error: SvctlError) => sendError(response, status, error, undefined, DASHBOARD_HEADERS);
      if (app === '' || (stream !== 'out' && stream !== 'err') || !Number.isInteger(instance) || instance < 0 || !Number.isInteger(rotated) || rotated < 0) {
        refuse(400, new SvctlError('INVALID_PARAMS', 'GET /logs/download takes app=NAME, stream=out|err and optionally instance=N and rotated=R (1 = the newest rotated file)'));
        return;
      }
      void currentLogFiles(dispatcher, oneShotConnection(connectionId, peer), app).then(async (current) => {
        if (!Array.isArray(current)) {
          refuse(current.status, current.error);
          return;
        }
        const file = current.find((one) => one.stream === stream && one.instance === instance);
        if (file === undefined) {
          refuse(404, new SvctlError('APP_NOT_FOUND', `no instance ${instance} of app ${app}`));
          return;
        }
        const chosen = rotated === 0 ? { path: file.path, compressed: false } : (await filesOnDisk(file)).find((one) => one.rotated === rotated);
        if (chosen === undefined) {
          refuse(404, new SvctlError('APP_NOT_FOUND', `no rotated ${stream} log file ${rotated} of ${app}[${instance}]`));
          return;
        }
        send(chosen, { stream, app, instance, refuse, response });
      });
    },
  };
}

function send(file: { path: string; compressed: boolean }, context: { stream: string; app: string; instance: number; refuse: (status: number, error: SvctlError) => void; response: http.ServerResponse }): void {
  const reading = fs.createReadStream(file.path);
  reading.once('error', () => context.refuse(404, new SvctlError('APP_NOT_FOUND', `the ${context.stream} log of ${context.app}[${context.instance}] is not there yet`)));
  reading.once('open', () => {
    context.response.writeHead(200, {
      ...DASHBOARD_HEADERS,
      'content-type': file.compressed ? 'application/gzip' : 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
      'content-disposition': `attachment; filename="${path.basename(file.path).replace(/["\\\r\n]/g, '_')}"`,
    });
    reading.pipe(context.response);
  });
}
