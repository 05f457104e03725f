// The one table of handlers: every method of the protocol, handled exactly once (the HandlerTable
// type makes a missing, extra or repeated method a compile error). Thin handlers live here; longer
// ones come from rpc/handlers/* or, for events and samples, from the composition root.
import {
  AppsDelete,
  AppsDescribe,
  AppsEnv,
  AppsList,
  AppsReload,
  AppsReset,
  AppsRestart,
  AppsScale,
  AppsSignal,
  AppsStart,
  AppsStop,
  DaemonHello,
  DaemonPing,
  DaemonReloadTls,
  DaemonStop,
  DaemonUnsubscribe,
  EventsSubscribe,
  LogsFlush,
  LogsReopen,
  LogsSearch,
  LogsTail,
  MonitorSamples,
  MonitorSubscribe,
  StateResurrect,
  StateSave,
  TokenCreate,
  TokenList,
  TokenRevoke,
  type AppOutcome,
} from '@svctl/protocol';
import type { TokenStore } from '../auth/token-store.js';
import type { LogService } from '../logs/log-service.js';
import { saveDump } from '../persistence/dump.js';
import type { Supervisor } from '../supervisor/supervisor.js';
import type { Handler, HandlerTable } from './handler.js';
import { hello, ping, stopDaemon, type DaemonIdentity } from './handlers/daemon.js';
import { flushLogs, searchLogs, tailLogs } from './handlers/logs.js';
import { resurrect } from './handlers/state.js';
import { tokenHandlers } from './handlers/tokens.js';

export interface HandlerServices {
  identity: DaemonIdentity;
  supervisor: Supervisor;
  logs: LogService;
  home: string;
  tokens: TokenStore;
  /** Re-reads the gateway's certificate; false when there is none to reload. */
  reloadTls: () => boolean;
  /** Runs once a changing verb is done (even when it failed), before the answer: the daemon records
   * its crash journal there, so an acknowledged start or stop is already on disk. */
  afterChange: () => void;
  /** From the monitoring half (events/subscribe.ts), which owns the event backlog. */
  subscribeToEvents: Handler<typeof EventsSubscribe>;
  /** From the monitoring half (monitor/monitoring.ts), which owns the samples. */
  monitorSamples: Handler<typeof MonitorSamples>;
  subscribeToSamples: Handler<typeof MonitorSubscribe>;
}

export function createHandlerTable(services: HandlerServices): HandlerTable {
  const { identity, supervisor, logs, home, afterChange } = services;
  const committed = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } finally {
      afterChange();
    }
  };
  const tokens = tokenHandlers(services.tokens);
  const outcomes = async (apps: Promise<AppOutcome[]>): Promise<{ apps: AppOutcome[]; warnings: string[] }> => ({ apps: await apps, warnings: [] });
  return {
    [DaemonHello.name]: hello(identity),
    [DaemonPing.name]: ping(identity),
    [DaemonStop.name]: stopDaemon(identity),
    [DaemonReloadTls.name]: () => ({ reloaded: services.reloadTls() }),
    [DaemonUnsubscribe.name]: (params, { connection }) => ({ ended: connection.closeStream(params.subscription) }),
    // The verbs that start instances answer once those have settled (or at once with wait: false); the
    // journal is written before the wait.
    [AppsStart.name]: (params) => supervisor.settled(params.wait !== false, () => committed(() => supervisor.start(params))),
    [AppsStop.name]: (params) => committed(() => outcomes(supervisor.stop(params.target, params.cwd))),
    [AppsRestart.name]: (params) => supervisor.settled(params.wait !== false, () => committed(() => supervisor.restart(params))),
    [AppsReload.name]: (params) => supervisor.settled(params.wait !== false, () => committed(() => supervisor.reload(params))),
    [AppsDelete.name]: (params) => committed(() => outcomes(supervisor.delete(params.target, params.cwd))),
    [AppsScale.name]: (params) => supervisor.settled(params.wait !== false, () => committed(() => outcomes(supervisor.scale(params.app, params.instances)))),
    [AppsSignal.name]: (params) => outcomes(supervisor.signal(params.target, params.cwd, params.signal)),
    [AppsReset.name]: (params) => committed(() => outcomes(supervisor.reset(params.target, params.cwd))),
    [AppsList.name]: () => supervisor.listJson(),
    [AppsDescribe.name]: async (params) => ({ apps: await supervisor.describe(params.target, params.cwd, params.show_env === true) }),
    [AppsEnv.name]: async (params) => ({ instances: await supervisor.environment(params.target, params.cwd, params.instance ?? 0, params.show_secrets === true) }),
    [EventsSubscribe.name]: services.subscribeToEvents,
    [MonitorSamples.name]: services.monitorSamples,
    [MonitorSubscribe.name]: services.subscribeToSamples,
    [StateSave.name]: (params) => saveDump(home, supervisor.exportApps(), params.force === true),
    [StateResurrect.name]: resurrect(supervisor, home, afterChange),
    [LogsTail.name]: tailLogs(supervisor, logs),
    [LogsFlush.name]: flushLogs(supervisor, logs),
    [LogsReopen.name]: async () => ({ files: await logs.reopen() }),
    [LogsSearch.name]: searchLogs(supervisor, logs),
    [TokenCreate.name]: tokens.create,
    [TokenList.name]: tokens.list,
    [TokenRevoke.name]: tokens.revoke,
  };
}
