// JSON-RPC 2.0 envelopes as used by svctl. Requests carry an id; notifications do not.
import type { WireError } from './errors.js';

export type RequestId = number | string;

export interface RequestMessage {
  jsonrpc: '2.0';
  id: RequestId;
  method: string;
  params?: unknown;
}

export interface NotificationMessage {
  jsonrpc: '2.0';
  method: string;
  params?: unknown;
}

export interface SuccessResponse {
  jsonrpc: '2.0';
  id: RequestId;
  result: unknown;
}

export interface ErrorResponse {
  jsonrpc: '2.0';
  id: RequestId | null;
  error: WireError;
}

export type ResponseMessage = SuccessResponse | ErrorResponse;

/** Streams (log lines, events) arrive as this notification, tagged with the subscription id. */
export const SUBSCRIPTION_NOTIFICATION = '$/subscription';

export interface SubscriptionParams {
  subscription: string;
  /** true on the last message of a stream (the daemon ended it, e.g. a slow follower cut off). */
  end?: boolean;
  item?: unknown;
  error?: WireError;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isResponse(value: unknown): value is ResponseMessage {
  return isObject(value) && value.jsonrpc === '2.0' && 'id' in value && ('result' in value || 'error' in value);
}

/** Params nested deeper than this are refused with INVALID_PARAMS (no schema needs more; deep values overflow recursive code). */
export const MAX_PARAMS_DEPTH = 64;

/** Whether a parsed JSON value nests arrays/objects deeper than `max` levels (walked without recursion). */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (typeof current !== 'object' || current === null) continue;
    if (depth > max) return true;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}
