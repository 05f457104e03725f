// POST /rpc: one JSON-RPC request or batch per HTTP request, through the same dispatcher as the socket.
// Subscriptions need a connection that lives on: they are refused here and served on GET /ws.
import type http from 'node:http';
import { MAX_FRAME_BYTES, SvctlError, type ResponseMessage } from '@svctl/protocol';
import type { Connection, Peer } from '../rpc/connection.js';
import type { Dispatcher } from '../rpc/dispatcher.js';
import { answerFrame, parseFrame } from '../rpc/frames.js';
import { sendError, sendJson } from './http-reply.js';
import type { PartialBudget } from '../rpc/partial-budget.js';
import { readBodyWithin } from './request-body.js';

export function serveRpcRequest(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  context: { dispatcher: Dispatcher; peer: Peer; id: number; maxBatch: number; bodies: PartialBudget },
): void {
  void readBodyWithin(request, MAX_FRAME_BYTES, context.bodies).then((body) => {
    if (body.ok) return answer(body.text, response, context);
    if (body.why === 'broken') return;
    // The rest of a refused body is dropped, and the connection closes after the answer.
    response.setHeader('connection', 'close');
    if (body.why === 'too-large') sendError(response, 413, new SvctlError('FRAME_TOO_LARGE', `request body larger than ${MAX_FRAME_BYTES} bytes`));
    else sendError(response, 503, overTotal(context.bodies.maxBytes), 1);
  });
}

function overTotal(maxBytes: number): SvctlError {
  return new SvctlError('LIMIT_EXCEEDED', `request refused: unfinished request bodies of all clients hold more than ${maxBytes} bytes (setting rpc_max_partial_total); retry shortly`);
}

async function answer(text: string, response: http.ServerResponse, context: { dispatcher: Dispatcher; peer: Peer; id: number; maxBatch: number }): Promise<void> {
  const frame = parseFrame(text, context.maxBatch);
  if (frame.kind === 'reply') {
    sendJson(response, 400, frame.text);
    return;
  }
  const connection = oneShotConnection(context.id, context.peer);
  let forbidden = false;
  const reply = await answerFrame(frame, async (message): Promise<ResponseMessage | undefined> => {
    const answered = await context.dispatcher.dispatch(message, connection);
    if (answered !== undefined && 'error' in answered && answered.error.data?.name === 'FORBIDDEN') forbidden = true;
    return answered;
  });
  if (reply === undefined) {
    response.writeHead(204).end();
    return;
  }
  sendJson(response, forbidden && !frame.batch ? 403 : 200, reply);
}

/** The connection one HTTP request is: it cannot hold a stream. */
export function oneShotConnection(id: number, peer: Peer): Connection {
  return {
    id,
    peer,
    client: undefined,
    openStream: () => {
      throw new SvctlError('INVALID_REQUEST', 'streaming methods (logs, events) need a connection that stays open: use the WebSocket endpoint GET /ws');
    },
    closeStream: () => false,
  };
}
