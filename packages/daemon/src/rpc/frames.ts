// One frame → its reply text, per JSON-RPC 2.0: a single request or a batch; notifications get no reply;
// ids come back exactly as sent.
import { isObject, numericIdTokens, stringifyWithRawId, SvctlError, type ResponseMessage } from '@svctl/protocol';
import type { Logger } from 'pino';
import type { Connection } from './connection.js';
import { errorResponse, type Dispatcher } from './dispatcher.js';

export type ParsedFrame =
  /** Answered without running anything (not JSON, an empty or oversized batch). */
  | { kind: 'reply'; text: string }
  | { kind: 'requests'; messages: unknown[]; batch: boolean; rawIds: Array<string | undefined> };

export function parseFrame(text: string, maxBatch: number): ParsedFrame {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return refuse(new SvctlError('PARSE_ERROR', `invalid JSON: ${(error as Error).message}`));
  }
  if (!Array.isArray(parsed)) return { kind: 'requests', messages: [parsed], batch: false, rawIds: rawIdsOf(text, [parsed]) };
  if (parsed.length === 0) return refuse(new SvctlError('INVALID_REQUEST', 'an empty batch holds no request'));
  if (parsed.length > maxBatch) {
    return refuse(new SvctlError('INVALID_REQUEST', `a batch holds at most ${maxBatch} requests (setting rpc_max_batch); this one has ${parsed.length}`));
  }
  return { kind: 'requests', messages: parsed, batch: true, rawIds: rawIdsOf(text, parsed) };
}

/** Runs every request of the frame; resolves to the reply text, or undefined when only notifications came. */
export async function answerFrame(
  frame: Extract<ParsedFrame, { kind: 'requests' }>,
  dispatch: (message: unknown) => Promise<ResponseMessage | undefined>,
): Promise<string | undefined> {
  const replies = await Promise.all(
    frame.messages.map(async (message, index) => {
      const response = await dispatch(message);
      return response === undefined || isNotification(message) ? undefined : stringifyWithRawId(response, frame.rawIds[index]);
    }),
  );
  const owed = replies.filter((reply): reply is string => reply !== undefined);
  if (owed.length === 0) return undefined;
  return frame.batch ? `[${owed.join(',')}]` : owed[0];
}

export interface FrameRunner {
  dispatcher: Dispatcher;
  connection: Connection;
  logger: Logger;
  /** Sends a reply to the client. */
  write: (text: string) => void;
}

/**
 * One frame of a client on any transport: parsed, its requests dispatched, the reply written. Returns how
 * many requests it started (the transport counts them in flight) and calls `settled` once they are answered.
 */
export function runFrame(text: string, maxBatch: number, runner: FrameRunner, settled: (requests: number) => void): number {
  const frame = parseFrame(text, maxBatch);
  if (frame.kind === 'reply') {
    runner.write(frame.text);
    return 0;
  }
  const { dispatcher, connection, logger, write } = runner;
  void answerFrame(frame, (message) => dispatcher.dispatch(message, connection))
    .then(
      (reply) => {
        if (reply !== undefined) write(reply);
      },
      (error: unknown) => logger.error({ err: error, connection: connection.id }, 'dispatch failed'),
    )
    .finally(() => settled(frame.messages.length));
  return frame.messages.length;
}

/** A well-formed request without an "id" member: run, never answered (even with an error). */
function isNotification(message: unknown): boolean {
  return isObject(message) && !('id' in message) && message.jsonrpc === '2.0' && typeof message.method === 'string';
}

/** Only numeric ids JSON.parse may have rounded need the frame's text scanned. */
function rawIdsOf(text: string, messages: unknown[]): Array<string | undefined> {
  const rounded = messages.some((message) => isObject(message) && typeof message.id === 'number' && !Number.isSafeInteger(message.id));
  return rounded ? numericIdTokens(text) : [];
}

function refuse(error: SvctlError): ParsedFrame {
  return { kind: 'reply', text: JSON.stringify(errorResponse(null, error)) };
}
