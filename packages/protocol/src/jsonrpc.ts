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
