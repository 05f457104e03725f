// GET /logs/download?app=NAME&stream=out|err[&instance=N]: one instance's current log file as an
// attachment, for the dashboard's app page. Which file is asked of the dispatcher (apps.describe, with
// the caller's own token or session, so roles apply as everywhere); only that path is read.
import fs from 'node:fs';
import path from 'node:path';
import { AppsDescribe, SvctlError, type ResultOf } from '@svctl/protocol';
import { DASHBOARD_HEADERS } from './dashboard-headers.js';
import { sendError } from './http-reply.js';
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
      const refuse = (status: number, error: SvctlError) => sendError(response, status, error, undefined, DASHBOARD_HEADERS);
      if (app === '' || (stream !== 'out' && stream !== 'err') || !Number.isInteger(instance) || instance < 0) {
        refuse(400, new SvctlError('INVALID_PARAMS', 'GET /logs/download takes app=NAME, stream=out|err and optionally instance=N'));
        return;
      }
      void dispatcher.dispatch({ jsonrpc: '2.0', id: 1, method: AppsDescribe.name, params: { target: app } }, oneShotConnection(connectionId, peer)).then((answer) => {
        if (answer === undefined || 'error' in answer) {
          refuse(answer?.error.data?.name === 'FORBIDDEN' ? 403 : 404, new SvctlError('APP_NOT_FOUND', answer?.error.message ?? `no app ${app}`));
          return;
        }
        const described = (answer.result as ResultOf<typeof AppsDescribe>).apps.find((one) => one.app === app);
        const file = described?.instances.find((one) => one.instance === instance)?.log_files[stream];
        if (file === undefined) {
          refuse(404, new SvctlError('APP_NOT_FOUND', `no instance ${instance} of app ${app}`));
          return;
        }
        const reading = fs.createReadStream(file);
        reading.once('error', () => refuse(404, new SvctlError('APP_NOT_FOUND', `the ${stream} log of ${app}[${instance}] is not there yet`)));
        reading.once('open', () => {
          response.writeHead(200, {
            ...DASHBOARD_HEADERS,
            'content-type': 'text/plain; charset=utf-8',
            'cache-control': 'no-store',
            'content-disposition': `attachment; filename="${path.basename(file).replace(/["\\\r\n]/g, '_')}"`,
          });
          reading.pipe(response);
        });
      });
    },
  };
}
