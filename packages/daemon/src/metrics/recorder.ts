// What the daemon records for GET /metrics (docs/api.md "Metrics"), and how it gets the recorder: the
// Prometheus code (prom-client) is a separate bundle (dist/metrics-exporter.mjs) loaded only when the
// gateway is on, so a daemon without the gateway never loads it.
import { STATUSES, type CheckState, type InstanceRow } from '@svctl/protocol';

/** The supervisor as the metrics see it, read at scrape time. */
export interface InstanceSource {
  rows(): InstanceRow[];
  /** The readiness and liveness checks of each instance (describe's `checks`). */
  checks(): Array<{ app: string; namespace: string; instance: number; checks: readonly CheckState[] }>;
}

export interface MetricsRecorder {
  /** One JSON-RPC request answered (any transport): `outcome` is `ok` or the error name. */
  rpcAnswered(method: string, transport: string, outcome: string, seconds: number): void;
  /** One gateway HTTP request answered; `route` is a route's path, `/ws`, or `unmatched`. */
  httpAnswered(route: string, status: number): void;
  rateLimited(transport: string): void;
  alertDelivered(rule: string, kind: string, action: string, delivered: boolean): void;
  watch(source: InstanceSource): void;
  /** The exposition text (Prometheus text format 0.0.4) and its content type. */
  render(): Promise<{ contentType: string; text: string }>;
}

export async function loadMetricsRecorder(): Promise<MetricsRecorder> {
  // The bundle maps this import to ./metrics-exporter.mjs (scripts/bundle.mjs, lazyEntries).
  const { createMetricsRecorder } = await import('./exporter.js');
  return createMetricsRecorder(STATUSES);
}
