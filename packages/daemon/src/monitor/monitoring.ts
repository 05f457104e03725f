// Composition of the monitoring half of the daemon: samples (monitor), the event backlog and stream,
// and alerts. daemon.ts creates it before the supervisor (which reads the samples) and attaches it after.
import { parseDuration, SvctlError, isRunning, type EventsSubscribe, type InstanceSeries, type MonitorSamples, type MonitorSubscribe, type Settings } from '@svctl/protocol';
import type { Logger } from 'pino';
import { Alerter, type AlertDeliveryListener } from '../alerts/alerter.js';
import { EventLog } from '../events/event-log.js';
import { subscribeToEvents } from '../events/subscribe.js';
import type { Handler } from '../rpc/handler.js';
import { EventBus } from '../supervisor/event-bus.js';
import type { Supervisor } from '../supervisor/supervisor.js';
import { MetricsStore } from './metrics-store.js';
import { Monitor } from './monitor.js';
import { subscribeToSamples, type TickInstance } from './subscribe-samples.js';

export const MIN_MONITOR_INTERVAL_MS = 100;

export interface Monitoring {
  readonly metrics: MetricsStore;
  /** Starts sampling; returns the handlers of events.subscribe, monitor.samples and monitor.subscribe for the handler table. */
  attach(supervisor: Supervisor): MonitoringHandlers;
  /** At shutdown, before the apps are stopped: no more samples, memory restarts or alerts. */
  stop(): void;
}

export interface MonitoringHandlers {
  subscribeToEvents: Handler<typeof EventsSubscribe>;
  monitorSamples: Handler<typeof MonitorSamples>;
  subscribeToSamples: Handler<typeof MonitorSubscribe>;
}

/** The logs service's failure reports (log-service.ts), seen as triggers. */
export interface LogFailureSource {
  onWriteFailure(listener: (failure: { event: string; at: string; app: string; file: string; error?: string; lines?: number }) => void): () => void;
}

export function createMonitoring(
  settings: Pick<Settings, 'monitor_interval' | 'alerts'>,
  bus: EventBus,
  logger: Logger,
  logs?: LogFailureSource,
  onAlertDelivery?: AlertDeliveryListener,
): Monitoring {
  const intervalMs = monitorIntervalMs(settings.monitor_interval);
  const metrics = new MetricsStore();
  // Transitions from the lifecycle bus plus triggers that change no status (log_write_failed, published
  // as from === to). Triggers stay off the lifecycle bus: its other listeners (daemon log, log notices,
  // journal) are about status changes, and a log notice about a failing log must not loop back here.
  const events = new EventBus();
  const stopForwarding = bus.subscribe((event) => {
    try {
      events.publish(event);
    } catch (error) {
      logger.error({ err: error }, 'event listener failed');
    }
  });
  const eventLog = new EventLog(events);
  const alerter = new Alerter(settings.alerts, events, logger.child({ component: 'alerts' }), { onDelivery: onAlertDelivery });
  let monitor: Monitor | undefined;
  const sampledListeners = new Set<(at: string) => void>();
  let stopLogFailures = (): void => undefined;
  return {
    metrics,
    attach(supervisor) {
      if (logs !== undefined) {
        stopLogFailures = logs.onWriteFailure((failure) => {
          if (failure.event !== 'log_write_failed' && failure.event !== 'log_lines_dropped') return;
          const row = supervisor.list().find((candidate) => candidate.app === failure.app);
          if (row === undefined) return;
          const dropped = failure.event === 'log_lines_dropped';
          const detail = dropped
            ? `${failure.lines ?? 0} line(s) for ${failure.file} dropped (log_full_policy "drop")`
            : `cannot write ${failure.file}${failure.error === undefined ? '' : ` (${failure.error})`}`;
          events.publish({ at: failure.at, app: failure.app, instance: row.instance, from: row.status, to: row.status, reason: dropped ? 'log_lines_dropped' : 'log_write_failed', detail });
        });
      }
      const onSampled = (at: string): void => {
        for (const listener of sampledListeners) listener(at);
      };
      monitor = new Monitor({ instances: () => supervisor.instances(), engine: supervisor, store: metrics, logger: logger.child({ component: 'monitor' }), intervalMs, onSampled });
      monitor.start();
      const series = (limit: number | undefined): InstanceSeries[] =>
        [...supervisor.instances()].map(({ id, unit, spec }) => ({ id, app: spec.name, instance: unit.instance, ...metrics.series(unit, limit) }));
      const latest = (): TickInstance[] =>
        [...supervisor.instances()].flatMap(({ id, unit, spec }) => {
          const { pid, status } = unit;
          const { cpu, memory } = metrics.current(unit, pid);
          return isRunning(status) && memory !== null ? [{ id, app: spec.name, instance: unit.instance, cpu, memory }] : [];
        });
      return {
        subscribeToEvents: subscribeToEvents({ bus: events, log: eventLog, states: () => supervisor.list() }),
        monitorSamples: (params) => ({ interval_ms: intervalMs, instances: series(params.limit) }),
        subscribeToSamples: subscribeToSamples({
          intervalMs,
          series,
          latest,
          onSampled: (listener) => {
            sampledListeners.add(listener);
            return () => sampledListeners.delete(listener);
          },
        }),
      };
    },
    stop() {
      monitor?.stop();
      stopLogFailures();
      alerter.stop();
      eventLog.close();
      stopForwarding();
    },
  };
}

export function monitorIntervalMs(value: number | string): number {
  const ms = parseDuration(value);
  if (ms === undefined || ms < MIN_MONITOR_INTERVAL_MS) {
    throw new SvctlError('CONFIG_INVALID', `invalid value ${JSON.stringify(value)} for setting monitor_interval: must be at least ${MIN_MONITOR_INTERVAL_MS} ms`);
  }
  return ms;
}
