import type { MethodDefinition } from '../define.js';
import { AppsDelete, AppsDescribe, AppsEnv, AppsList, AppsReload, AppsReset, AppsRestart, AppsScale, AppsSignal, AppsStart, AppsStop } from './apps.js';
import { DaemonHello, DaemonPing, DaemonReloadTls, DaemonStop, DaemonUnsubscribe } from './daemon.js';
import { LogsFlush, LogsReopen, LogsSearch, LogsTail } from './logs.js';
import { EventsSubscribe } from './events.js';
import { MonitorSamples, MonitorSubscribe } from './monitor.js';
import { StateResurrect, StateSave } from './state.js';
import { TokenCreate, TokenList, TokenRevoke } from './tokens.js';

export * from './apps.js';
export * from './daemon.js';
export * from './logs.js';
export * from './events.js';
export * from './monitor.js';
export * from './state.js';
export * from './tokens.js';

/** Every method of the protocol, the source for dispatch tables and generated docs. */
export const ALL_METHODS = [
  DaemonHello,
  DaemonPing,
  DaemonStop,
  DaemonUnsubscribe,
  DaemonReloadTls,
  AppsStart,
  AppsStop,
  AppsRestart,
  AppsReload,
  AppsDelete,
  AppsScale,
  AppsSignal,
  AppsReset,
  AppsList,
  AppsDescribe,
  AppsEnv,
  EventsSubscribe,
  MonitorSamples,
  MonitorSubscribe,
  StateSave,
  StateResurrect,
  LogsTail,
  LogsFlush,
  LogsReopen,
  LogsSearch,
  TokenCreate,
  TokenList,
  TokenRevoke,
] as const satisfies readonly MethodDefinition[];

export type AnyMethod = (typeof ALL_METHODS)[number];
export type MethodName = AnyMethod['name'];
export type MethodByName<N extends MethodName> = Extract<AnyMethod, { name: N }>;
