// The socket transport's bounds, from the rpc_* settings (docs/configuration.md).
import { parseDuration, parseSize, type Settings } from '@svctl/protocol';

export interface RpcLimits {
  maxConnections: number;
  /** Requests of one connection being handled at once. */
  maxInFlight: number;
  /** Bytes written to one client that it has not read yet. */
  maxUnreadBytes: number;
  /** The same, for all clients together. */
  maxUnreadTotalBytes: number;
  /** Bytes of unfinished request frames held for all connections together. */
  maxPartialTotalBytes: number;
  maxBatch: number;
  /** How long a client over its unread bound may go without reading before it is disconnected. */
  stallTimeoutMs: number;
}

export function rpcLimitsOf(settings: Settings): RpcLimits {
  return {
    maxConnections: settings.rpc_max_connections,
    maxInFlight: settings.rpc_max_in_flight,
    maxUnreadBytes: parseSize(settings.rpc_max_unread) ?? 8 * 1024 * 1024,
    maxUnreadTotalBytes: parseSize(settings.rpc_max_unread_total) ?? 16 * 1024 * 1024,
    maxPartialTotalBytes: parseSize(settings.rpc_max_partial_total) ?? 16 * 1024 * 1024,
    maxBatch: settings.rpc_max_batch,
    // At most 2^31-1 ms, what a timer holds (checked when the setting is read).
    stallTimeoutMs: parseDuration(settings.rpc_stall_timeout) ?? 30_000,
  };
}
