// The Prometheus side of the metrics (prom-client): its own bundle, loaded by recorder.ts when the gateway
// is on. Counters and the latency histogram are updated as requests finish; instance metrics are read from
// the supervisor once per scrape, by collect callbacks, never pushed on changes.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { InstanceRow, Status } from '@svctl/protocol';
import type { InstanceSource, MetricsRecorder } from './recorder.js';

const INSTANCE_LABELS = ['app', 'instance', 'namespace'] as const;
const LINT_FAILING_DEFAULTS = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];
const RPC_SECONDS_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

type Snapshot = { rows: InstanceRow[]; checks: ReturnType<InstanceSource['checks']> };

/** `statuses`: every lifecycle status (passed in: importing the protocol here would bundle it a second time). */
export function createMetricsRecorder(statuses: readonly Status[]): MetricsRecorder {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'svctl_daemon_' });
  // Gauges named like counters (promtool check metrics refuses them); their per-type gauges without _total stay.
  for (const name of LINT_FAILING_DEFAULTS) registry.removeSingleMetric(`svctl_daemon_${name}`);
  let source: InstanceSource | undefined;
  // Read from the source at the start of each scrape; every instance metric's collect uses this one read.
  let snapshot: Snapshot = { rows: [], checks: [] };

  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> => new Counter({ name, help, labelNames, registers: [registry] });
  const rpcRequests = counter('svctl_rpc_requests_total', 'JSON-RPC requests answered, by method, transport (unix, http, ws) and outcome (ok or the error name).', [
    'method',
    'transport',
    'outcome',
  ]);
  const rpcSeconds = new Histogram({
    name: 'svctl_rpc_request_duration_seconds',
    help: 'Time from a JSON-RPC request reaching the dispatcher to its answer, by method and transport.',
    labelNames: ['method', 'transport'],
    buckets: RPC_SECONDS_BUCKETS,
    registers: [registry],
  });
  const httpRequests = counter('svctl_http_requests_total', 'Gateway HTTP requests answered (WebSocket upgrades as route /ws), by route and status code.', ['route', 'status']);
  const rateLimited = counter('svctl_rate_limited_requests_total', 'Gateway requests refused with RATE_LIMITED (HTTP 429 or a WebSocket error answer), by transport.', ['transport']);
  const alerts = counter('svctl_alerts_sent_total', 'Alerts delivered, by rule, kind and action (command or webhook).', ['rule', 'kind', 'action']);
  const alertFailures = counter('svctl_alert_failures_total', 'Alerts that could not be delivered after their retries, by rule, kind and action.', ['rule', 'kind', 'action']);

  const perInstance = (name: string, help: string, value: (row: InstanceRow) => number | undefined): void => {
    const gauge: Gauge<(typeof INSTANCE_LABELS)[number]> = new Gauge({
      name,
      help,
      labelNames: INSTANCE_LABELS,
      registers: [registry],
      collect: () => {
        gauge.reset();
        for (const row of snapshot.rows) {
          const measured = value(row);
          if (measured !== undefined) gauge.set(instanceLabels(row), measured);
        }
      },
    });
  };
  const status: Gauge<'app' | 'instance' | 'namespace' | 'status'> = new Gauge({
    name: 'svctl_instance_status',
    help: "1 for the instance's current lifecycle status, 0 for the others.",
    labelNames: [...INSTANCE_LABELS, 'status'],
    registers: [registry],
    collect: () => {
      status.reset();
      for (const row of snapshot.rows) for (const each of statuses) status.set({ ...instanceLabels(row), status: each }, row.status === each ? 1 : 0);
    },
  });
  perInstance('svctl_instance_up', '1 when the instance has a live process (a pid), else 0.', (row) => (row.pid === null ? 0 : 1));
  // Restarts are counted by the supervisor (reset by `svctl reset`); typed counter, so increase() applies
  // (a reset reads as a counter reset), set from the supervisor's count at each scrape.
  const restartCounter = (name: string, help: string, value: (row: InstanceRow) => number): void => {
    const restarts: Counter<(typeof INSTANCE_LABELS)[number]> = new Counter({
      name,
      help,
      labelNames: INSTANCE_LABELS,
      registers: [registry],
      collect: () => {
        restarts.reset();
        for (const row of snapshot.rows) restarts.inc(instanceLabels(row), value(row));
      },
    });
  };
  restartCounter('svctl_instance_restarts_total', 'Automatic and user restarts of the instance since it was started or reset.', (row) => row.restarts);
  restartCounter('svctl_instance_unstable_restarts_total', 'Restarts of the instance that came before it had run min_uptime.', (row) => row.unstable_restarts);
  perInstance('svctl_instance_uptime_seconds', "Time since the instance's current process started; 0 when not running.", (row) => row.uptime_ms / 1000);
  perInstance('svctl_instance_start_time_seconds', "Start time of the instance's current process, Unix seconds (absent when not running).", (row) =>
    row.started_at === null || row.pid === null ? undefined : Date.parse(row.started_at) / 1000,
  );
  perInstance('svctl_instance_cpu_usage_ratio', "CPU used by the instance's process tree, as a fraction of one core (absent until sampled).", (row) =>
    row.cpu === null ? undefined : row.cpu / 100,
  );
  perInstance('svctl_instance_resident_memory_bytes', "Resident memory of the instance's process tree in bytes (absent until sampled).", (row) => row.memory ?? undefined);

  const checkLabels = [...INSTANCE_LABELS, 'probe', 'check'] as const;
  const checkPassing: Gauge<(typeof checkLabels)[number]> = new Gauge({
    name: 'svctl_instance_probe_passing',
    help: 'Readiness or liveness check of the instance (probe readiness|liveness): 1 passing, 0 failing or no result yet; absent while the check is idle.',
    labelNames: checkLabels,
    registers: [registry],
    collect: () => {
      checkPassing.reset();
      for (const { checks, ...owner } of snapshot.checks) {
        for (const check of checks) {
          if (check.state !== 'idle') checkPassing.set({ ...instanceLabels(owner), probe: check.kind, check: check.check }, check.state === 'passing' ? 1 : 0);
        }
      }
    },
  });
  const checkFailures: Counter<(typeof checkLabels)[number]> = new Counter({
    name: 'svctl_instance_probe_failures_total',
    help: 'Failed results of the check since the instance was added.',
    labelNames: checkLabels,
    registers: [registry],
    collect: () => {
      checkFailures.reset();
      for (const { checks, ...owner } of snapshot.checks) {
        for (const check of checks) checkFailures.inc({ ...instanceLabels(owner), probe: check.kind, check: check.check }, check.total_failures);
      }
    },
  });

  return {
    rpcAnswered: (method, transport, outcome, seconds) => {
      rpcRequests.inc({ method, transport, outcome });
      rpcSeconds.observe({ method, transport }, seconds);
    },
    httpAnswered: (route, code) => httpRequests.inc({ route, status: String(code) }),
    rateLimited: (transport) => rateLimited.inc({ transport }),
    alertDelivered: (rule, kind, action, delivered) => (delivered ? alerts : alertFailures).inc({ rule, kind, action }),
    watch: (watched) => {
      source = watched;
    },
    render: async () => {
      snapshot = source === undefined ? { rows: [], checks: [] } : { rows: source.rows(), checks: source.checks() };
      return { contentType: registry.contentType, text: await registry.metrics() };
    },
  };
}

function instanceLabels(instance: { app: string; instance: number; namespace: string }): Record<(typeof INSTANCE_LABELS)[number], string> {
  return { app: instance.app, instance: String(instance.instance), namespace: instance.namespace };
}
