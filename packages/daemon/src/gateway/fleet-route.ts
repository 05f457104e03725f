// GET /fleet: apps.list's result for the dashboard's first render. A GET, so the page's HTML can ask for it
// itself (`<link rel="preload" as="fetch">`, like GET /session) while the script loads and runs: the list is
// on its way before the page's code could send POST /rpc. The same method through the same dispatcher (the
// caller's role checked, the rows' kept text written as it is); only the transport differs.
import { AppsList, SerializedResult, SvctlError } from '@svctl/protocol';
import { DASHBOARD_HEADERS } from './dashboard-headers.js';
import { sendError, sendJson } from './http-reply.js';
import type { Route } from './routes.js';
import { oneShotConnection } from './rpc-route.js';

export function fleetRoute(): Route {
  return {
    method: 'GET',
    path: '/fleet',
    access: 'token',
    serve: ({ response, dispatcher, peer, connectionId }) => {
      void dispatcher.dispatch({ jsonrpc: '2.0', id: 1, method: AppsList.name, params: {} }, oneShotConnection(connectionId, peer)).then((answer) => {
        if (answer === undefined) return sendError(response, 500, new SvctlError('INTERNAL', 'apps.list gave no answer'), undefined, DASHBOARD_HEADERS);
        // A refusal goes back as the JSON-RPC error it is, with POST /rpc's status for it.
        if ('error' in answer) return sendJson(response, answer.error.data?.name === 'FORBIDDEN' ? 403 : 500, answer, DASHBOARD_HEADERS);
        sendJson(response, 200, answer.result instanceof SerializedResult ? answer.result.json : JSON.stringify(answer.result), DASHBOARD_HEADERS);
      });
    },
  };
}
