// One socket client: frames in, answers out, every resource it can make the daemon hold bounded.
// Back-pressure: past its in-flight or unread bound the daemon stops reading from it; a client that
// stays over its unread bound for the stall timeout is cut off with an error.
import type net from 'node:net';
import { LineDecoder, MAX_FRAME_BYTES, SUBSCRIPTION_NOTIFICATION, SvctlError, type SubscriptionParams } from '@svctl/protocol';
import type { Logger } from 'pino';
import type { Connection, Peer } from './connection.js';
import { errorResponse, type Dispatcher } from './dispatcher.js';
import { runFrame } from './frames.js';
import type { RpcLimits } from './limits.js';
import type { SharedBudget } from './shared-budget.js';
import { StreamRegistry } from './streams.js';

const FRAMES_PER_TURN = 4;

export function serveConnection(
  socket: net.Socket,
  id: number,
  context: { dispatcher: Dispatcher; logger: Logger; limits: RpcLimits; budget: SharedBudget; peer: Peer },
): void {
  const { dispatcher, logger, limits, budget, peer } = context;
  const decoder = new LineDecoder(MAX_FRAME_BYTES);
  const waiting: string[] = [];
  let inFlight = 0;
  let heldPartial = 0;
  let cutOff = false;
  let stallTimer: NodeJS.Timeout | undefined;
  let destroyTimer: NodeJS.Timeout | undefined;

  // Over the total, a client counts as over its own bound as soon as it is not keeping up at all.
  const overUnread = (): boolean =>
    socket.writableLength > limits.maxUnreadBytes || (socket.writableNeedDrain && budget.unread.over());

  /** True (and the stall clock running) while this client is over its unread bound; 'drain' stops the clock. */
  const stalled = (): boolean => {
    if (!overUnread()) return false;
    stallTimer ??= setTimeout(
      () => cut(new SvctlError('SLOW_CONSUMER', `connection closed: the client left answers unread for ${limits.stallTimeoutMs} ms (setting rpc_stall_timeout)`)),
      limits.stallTimeoutMs,
    );
    return true;
  };

  /** Sends one message; false when this client is over its unread bound (streams then cut themselves off). */
  const write = (text: string): boolean => {
    if (cutOff || socket.destroyed) return false;
    socket.write(`${text}\n`);
    return !stalled();
  };

  const cut = (error: SvctlError): void => {
    if (cutOff) return;
    logger.warn({ connection: id, code: error.code }, `client cut off: ${error.message}`);
    socket.write(`${JSON.stringify(errorResponse(null, error))}\n`);
    cutOff = true;
    waiting.length = 0;
    streams.closeAll();
    clearTimeout(stallTimer);
    // Nothing more is read from it; closed once the error is out, or after one more stall timeout for a
    // client that never reads.
    socket.pause();
    socket.end(() => socket.destroy());
    destroyTimer = setTimeout(() => socket.destroy(), limits.stallTimeoutMs);
  };

  const streams = new StreamRegistry(id, (params: SubscriptionParams) => write(JSON.stringify({ jsonrpc: '2.0', method: SUBSCRIPTION_NOTIFICATION, params })));
  const connection: Connection = {
    id,
    peer,
    client: undefined,
    openStream: () => streams.open(),
    closeStream: (streamId) => streams.close(streamId),
  };

  const run = (text: string): void => {
    const requests = runFrame(text, limits.maxBatch, { dispatcher, connection, logger, write }, (answered) => {
      inFlight -= answered;
      pumpSoon();
    });
    inFlight += requests;
    // A frame answered without running anything (not JSON...) still took its parse.
    budget.turn.spend(Math.max(requests, 1));
  };

  // Runs waiting frames while this client is within its bounds, a few per turn of the event loop so a
  // pipelining client takes its turn with the others, and none once all clients together have used this
  // turn's budget; reads from it only when nothing waits.
  const pump = (): void => {
    if (cutOff) return;
    let started = 0;
    while (waiting.length > 0 && inFlight < limits.maxInFlight && !stalled()) {
      if (started++ === FRAMES_PER_TURN) {
        pumpSoon();
        break;
      }
      if (!budget.turn.available()) {
        budget.turn.waitTurn(pump);
        break;
      }
      run(waiting.shift() as string);
    }
    if (waiting.length > 0 || inFlight >= limits.maxInFlight || stalled()) socket.pause();
    else socket.resume();
  };

  // From the next turn of the event loop, so a client whose answers come back at once cannot keep the
  // daemon in microtasks while other clients (and new connections) wait.
  let pumpScheduled = false;
  const pumpSoon = (): void => {
    if (pumpScheduled) return;
    pumpScheduled = true;
    setImmediate(() => {
      pumpScheduled = false;
      pump();
    });
  };

  socket.on('data', (chunk: Buffer) => {
    if (cutOff) return;
    const frames = decoder.push(chunk);
    for (const frame of frames) {
      if (frame.kind === 'oversize') {
        cut(new SvctlError('FRAME_TOO_LARGE', `frame larger than ${MAX_FRAME_BYTES} bytes; connection closed`));
        return;
      }
      waiting.push(frame.text);
    }
    // What the unfinished frame holds is in the daemon-wide budget; the client that would pass it is cut off.
    const grown = decoder.heldBytes - heldPartial;
    if (grown > 0 && !budget.partial.take(grown)) {
      cut(new SvctlError('LIMIT_EXCEEDED', `connection closed: unfinished requests of all clients hold more than ${limits.maxPartialTotalBytes} bytes (setting rpc_max_partial_total)`));
      return;
    }
    if (grown < 0) budget.partial.give(-grown);
    heldPartial = decoder.heldBytes;
    pump();
  });
  socket.on('drain', () => {
    clearTimeout(stallTimer);
    stallTimer = undefined;
    pump();
  });
  // Peers that vanish mid-frame or reset the connection cost nothing beyond this.
  socket.on('error', (error) => logger.debug({ err: error, connection: id }, 'connection error'));
  const forgetUnread = budget.unread.add(() => socket.writableLength);
  socket.on('close', () => {
    forgetUnread();
    budget.partial.give(heldPartial);
    heldPartial = 0;
    waiting.length = 0;
    clearTimeout(stallTimer);
    clearTimeout(destroyTimer);
    streams.closeAll();
  });
}
