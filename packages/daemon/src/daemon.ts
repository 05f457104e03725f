// Composition root: lock, socket, dispatcher and handlers; the one place that knows all the parts.
import fs from 'node:fs';
import { isResting, parseDuration, parseSize, pidFilePath, socketPath, type Settings } from '@svctl/protocol';
import type { Logger } from 'pino';
import { LogService } from './logs/log-service.js';
import { collectGarbage, heapUsedBytes } from './memory/collect-garbage.js';
import { HEAP_CHECK_MS, HeapGuard } from './memory/heap-guard.js';
import { monotonicMs } from './os/monotonic-clock.js';
import { DEFAULT_RING_BYTES } from './logs/ring.js';
import { createMonitoring } from './monitor/monitoring.js';
import { realOs } from './os/real-os.js';
import { TokenStore } from './auth/token-store.js';
import type { Gateway } from './gateway/gateway.js';
import { gatewayPlanOf } from './gateway/gateway-plan.js';
import { loadMetricsRecorder, type MetricsRecorder } from './metrics/recorder.js';
import { Dispatcher } from './rpc/dispatcher.js';
import { createHandlerTable } from './rpc/handler-table.js';
import { rpcLimitsOf } from './rpc/limits.js';
import { sharedBudgetOf } from './rpc/shared-budget.js';
import { listenOnSocket } from './rpc/socket-server.js';
import { writeFileAtomic } from './runtime/home.js';
import { acquireInstanceLock } from './runtime/instance-lock.js';
import { clearStaleSocket } from './runtime/stale-socket.js';
import { TransitionSummary } from './runtime/transition-summary.js';
import { restoreAtBoot } from './persistence/boot.js';
import { EventBus } from './supervisor/event-bus.js';
import { logsDirOf, Supervisor } from './supervisor/supervisor.js';

export interface RunningDaemon {
  /** Settles when the daemon has fully stopped (apps stopped, socket and pid file removed). */
  readonly stopped: Promise<void>;
  shutdown(reason: string): Promise<void>;
  /** Re-reads the gateway's certificate and key (SIGHUP); false when the gateway is off or plain HTTP. */
  reloadTls(): boolean;
  /** For a host running the daemon in its own process (svctl-runtime): what it watches in-process. */
  readonly local: { supervisor: Supervisor; logs: LogService; bus: EventBus };
}

export async function startDaemon(settings: Settings, logger: Logger): Promise<RunningDaemon> {
  const home = settings.home;
  const socket = socketPath(home);
  const pidFile = pidFilePath(home);
  const startedAt = new Date();
  const tokens = TokenStore.open(home);
  const gatewayPlan = gatewayPlanOf(settings, tokens.size);
  const lock = await acquireInstanceLock(home, () => describePidFile(pidFile));
  const limits = rpcLimitsOf(settings);
  // The socket's clients and the gateway's count in the same daemon-wide totals.
  const budget = sharedBudgetOf(limits);
  let gateway: Gateway | undefined;
  // Only with the gateway: prom-client is a separate chunk, never loaded otherwise (daemon RSS).
  let metrics: MetricsRecorder | undefined;
  try {
    if ((await clearStaleSocket(socket)) === 'removed') logger.warn({ socket }, 'replaced a stale socket left by a daemon that did not stop cleanly');
    if (gatewayPlan !== undefined) {
      metrics = await loadMetricsRecorder();
      // A chunk of its own in the bundle (scripts/bundle.mjs): loaded only when http_listen is set.
      const { startGateway } = await import('./gateway/gateway.js');
      // Listening before start-up work: /readyz answers 503 until the socket serves too.
      gateway = await startGateway(gatewayPlan, { settings, tokens, logger, limits, budget, startedAt, metrics });
    }
  } catch (error) {
    await lock.release();
    throw error;
  }

  let resolveStopped!: () => void;
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));
  let shuttingDown: Promise<void> | undefined;
  const bus = new EventBus();
  // Lifecycle transitions land in the daemon log as structured lines (jq-friendly); a storm of them
  // is summarised per app and window instead of one line each.
  const transitions = new TransitionSummary({
    logOne: (event) => logger.info({ event: 'transition', ...event }, `${event.app}[${event.instance}] ${event.from} -> ${event.to}: ${event.reason}${event.detail === '' ? '' : ` (${event.detail})`}`),
    logSummary: (line, message) => logger.info(line, message),
  });
  bus.subscribe((event) => transitions.record(event));
  const summaryTimer = setInterval(() => transitions.flush(), 1000).unref();
  const heapGuard = new HeapGuard({ heapUsed: heapUsedBytes, collect: () => collectGarbage('major'), now: monotonicMs });
  const heapTimer = setInterval(() => heapGuard.check(), HEAP_CHECK_MS).unref();
  // Once an instance settles (online, or at rest), not on its way there: a collection must not delay a respawn.
  bus.subscribe((event) => {
    if (event.to === 'online' || isResting(event.to)) heapGuard.poke();
  });
  const logs = new LogService(
    {
      maxSize: parseSize(settings.log_max_size) ?? 10 * 1024 * 1024,
      maxFiles: settings.log_max_files,
      maxAgeMs: settings.log_max_age === '' ? null : (parseDuration(settings.log_max_age) ?? null),
      compress: settings.log_compress,
    },
    logger,
    parseSize(settings.log_ring_size) ?? DEFAULT_RING_BYTES,
    home,
  );
  // Followers see a marker line when an app starts, restarts or exits.
  bus.subscribe((event) => logs.transition(event));
  const monitoring = createMonitoring(settings, bus, logger, logs, metrics?.alertDelivered);
  const supervisor = new Supervisor({ os: realOs, logsDir: logsDirOf(home), logs, logger, bus, metrics: monitoring.metrics });
  metrics?.watch({
    rows: () => supervisor.list(),
    checks: () => [...supervisor.instances()].map(({ unit, spec }) => ({ app: spec.name, namespace: spec.namespace, instance: unit.instance, checks: unit.snapshot().checks })),
  });
  // Crash recovery or --resurrect, then the crash journal records every change (docs/persistence.md).
  const { journal, notices } = await restoreAtBoot({ home, supervisor, logger, resurrect: settings.resurrect });
  bus.subscribe(() => journal.schedule());
  const shutdown = (reason: string): Promise<void> => {
    shuttingDown ??= (async () => {
      logger.info({ reason }, 'daemon stopping');
      dispatcher.refuseNewWork();
      monitoring.stop();
      journal.markStopping();
      await supervisor.stopAll();
      // Every captured line written before the daemon goes.
      await logs.close();
      journal.remove();
      await server.close();
      await gateway?.close();
      fs.rmSync(socket, { force: true });
      fs.rmSync(pidFile, { force: true });
      await lock.release();
      clearInterval(summaryTimer);
      clearInterval(heapTimer);
      transitions.flush(true);
      logger.info('daemon stopped');
      resolveStopped();
    })();
    return shuttingDown;
  };
  const handlers = createHandlerTable({
    identity: {
      home,
      socket,
      startedAt,
      takeNotices: () => notices.splice(0),
      requestShutdown: (reason) => {
        shutdown(reason).catch((error: unknown) => logger.error({ err: error }, 'shutdown failed'));
      },
    },
    supervisor,
    logs,
    home,
    tokens,
    reloadTls: () => gateway?.reloadTls() ?? false,
    afterChange: () => journal.commit(),
    ...monitoring.attach(supervisor),
  });
  const dispatcher = new Dispatcher(handlers, logger, metrics?.rpcAnswered);
  const server = await listenOnSocket(socket, dispatcher, logger, limits, budget);
  gateway?.ready(dispatcher);
  writeFileAtomic(pidFile, `${process.pid}\n`, 0o644);
  logger.info({ home, socket, version: process.version }, 'daemon started');
  return { stopped, shutdown, reloadTls: () => gateway?.reloadTls() ?? false, local: { supervisor, logs, bus } };
}

function describePidFile(pidFile: string): string {
  try {
    return ` (pid ${fs.readFileSync(pidFile, 'utf8').trim()})`;
  } catch {
    return '';
  }
}
