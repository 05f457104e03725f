// Every daemon and CLI setting, defined once: key, default, environment variable, CLI flag, schema.
// Precedence (see resolve.ts): flag > environment > config file > default.
import os from 'node:os';
import path from 'node:path';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { StringEnum } from '../schema-helpers.js';
import { APP_LIMITS } from '../app-limits.js';
import { alertRuleIssues, AlertRulesSchema } from '../monitoring.js';
import { DURATION_STRING_PATTERN, SIZE_STRING_PATTERN } from '../units.js';

export type SettingScope = 'daemon' | 'cli' | 'both';

export interface SettingDefinition<S extends TSchema = TSchema> {
  readonly key: string;
  readonly description: string;
  readonly schema: S;
  readonly default: () => Static<S>;
  readonly env: string;
  readonly flag: string;
  readonly scope: SettingScope;
  /** home and config locate the config file, so they cannot come from it. */
  readonly inFile: boolean;
  /** The largest value of a size or duration setting (resolve.ts checks it after the schema: a pattern cannot bound a number). */
  readonly most?: SettingMost;
  /** Issues the schema cannot express, for a value that passed it. */
  refine?(value: Static<S>): string[];
}

export interface SettingMost {
  readonly of: 'size' | 'duration';
  readonly value: number;
  /** As the docs and the error show it. */
  readonly text: string;
}

/** Bytes a number holds exactly. */
const EXACT_SIZE: SettingMost = { of: 'size', value: APP_LIMITS.sizeBytes, text: '8388607G (2^53-1 bytes)' };
/** Milliseconds a number holds exactly (an age, not a timer). */
const EXACT_DURATION: SettingMost = { of: 'duration', value: APP_LIMITS.sizeBytes, text: '104249991d (2^53-1 ms)' };
/** What a timer can wait: longer, it fires at once. */
const TIMER_DURATION: SettingMost = { of: 'duration', value: APP_LIMITS.durationMs, text: '24d (2^31-1 ms, the longest a timer waits)' };

function setting<S extends TSchema>(definition: SettingDefinition<S>): SettingDefinition<S> {
  return definition;
}

export const SETTINGS = {
  home: setting({
    key: 'home',
    description: 'Folder holding the socket, pid file, logs and state (created with mode 0700).',
    schema: Type.String({ minLength: 1 }),
    default: () => path.join(os.homedir(), '.svctl'),
    env: 'SVCTL_HOME',
    flag: 'home',
    scope: 'both',
    inFile: false,
  }),
  config: setting({
    key: 'config',
    description: 'Path of the JSON config file (default: $SVCTL_HOME/config.json; a missing default file is fine).',
    schema: Type.String({ minLength: 1 }),
    default: () => '',
    env: 'SVCTL_CONFIG',
    flag: 'config',
    scope: 'both',
    inFile: false,
  }),
  log_level: setting({
    key: 'log_level',
    description: "Level of the daemon's own log.",
    schema: StringEnum(['debug', 'info', 'warn', 'error']),
    default: () => 'info' as const,
    env: 'SVCTL_LOG_LEVEL',
    flag: 'log-level',
    scope: 'daemon',
    inFile: true,
  }),
  daemon_log_max_size: setting({
    key: 'daemon_log_max_size',
    description: "Size at which the daemon's own log is rotated (e.g. 10M).",
    schema: Type.String({ pattern: SIZE_STRING_PATTERN }),
    default: () => '10M',
    env: 'SVCTL_DAEMON_LOG_MAX_SIZE',
    flag: 'daemon-log-max-size',
    scope: 'daemon',
    inFile: true,
    most: EXACT_SIZE,
  }),
  daemon_log_max_files: setting({
    key: 'daemon_log_max_files',
    description: "Rotated files of the daemon's own log kept.",
    schema: Type.Integer({ minimum: 1, maximum: 1000 }),
    default: () => 5,
    env: 'SVCTL_DAEMON_LOG_MAX_FILES',
    flag: 'daemon-log-max-files',
    scope: 'daemon',
    inFile: true,
  }),
  log_max_size: setting({
    key: 'log_max_size',
    description: 'Default size at which an app log file is rotated (e.g. 10M); an app file can set its own log_max_size.',
    schema: Type.String({ pattern: SIZE_STRING_PATTERN }),
    default: () => '10M',
    env: 'SVCTL_LOG_MAX_SIZE',
    flag: 'log-max-size',
    scope: 'daemon',
    inFile: true,
    most: EXACT_SIZE,
  }),
  log_max_files: setting({
    key: 'log_max_files',
    description: 'Default number of rotated files kept per app log file (.1 ... .N).',
    schema: Type.Integer({ minimum: 1, maximum: 1000 }),
    default: () => 10,
    env: 'SVCTL_LOG_MAX_FILES',
    flag: 'log-max-files',
    scope: 'daemon',
    inFile: true,
  }),
  log_max_age: setting({
    key: 'log_max_age',
    description: 'Default age after which rotated app log files are deleted (e.g. 7d); empty for none.',
    schema: Type.String({ pattern: `(${DURATION_STRING_PATTERN})|^$` }),
    default: () => '',
    env: 'SVCTL_LOG_MAX_AGE',
    flag: 'log-max-age',
    scope: 'daemon',
    inFile: true,
    most: EXACT_DURATION,
  }),
  log_compress: setting({
    key: 'log_compress',
    description: 'Default for gzip-compressing rotated app log files.',
    schema: Type.Boolean(),
    default: () => false,
    env: 'SVCTL_LOG_COMPRESS',
    flag: 'log-compress',
    scope: 'daemon',
    inFile: true,
  }),
  log_ring_size: setting({
    key: 'log_ring_size',
    description: 'Memory for the recent lines of all apps together (e.g. 4M), for instant `svctl logs`; the oldest lines of any app go first, and older lines are read from the files. 0 keeps none.',
    schema: Type.String({ pattern: SIZE_STRING_PATTERN }),
    default: () => '4M',
    env: 'SVCTL_LOG_RING_SIZE',
    flag: 'log-ring-size',
    scope: 'daemon',
    inFile: true,
    most: { of: 'size', value: 1024 ** 3, text: '1G (a ring of each app)' },
  }),
  resurrect: setting({
    key: 'resurrect',
    description: 'Restore $SVCTL_HOME/dump.json when the daemon starts (for boot; the systemd unit passes --resurrect).',
    schema: Type.Boolean(),
    default: () => false,
    env: 'SVCTL_RESURRECT',
    flag: 'resurrect',
    scope: 'daemon',
    inFile: true,
  }),
  monitor_interval: setting({
    key: 'monitor_interval',
    description: 'How often the daemon samples CPU and memory of every process tree (ms or a duration such as "2s"; at least 100 ms).',
    schema: Type.Union([Type.Integer({ minimum: 100 }), Type.String({ pattern: DURATION_STRING_PATTERN })]),
    default: () => '2s',
    env: 'SVCTL_MONITOR_INTERVAL',
    flag: 'monitor-interval',
    scope: 'daemon',
    inFile: true,
    most: TIMER_DURATION,
  }),
  alerts: setting({
    key: 'alerts',
    description: 'Alert rules: run a command and/or POST a webhook on errored, memory, liveness, crash or log_write_failed events (JSON array; see docs/monitoring.md).',
    schema: AlertRulesSchema,
    default: () => [],
    env: 'SVCTL_ALERTS',
    flag: 'alerts',
    scope: 'daemon',
    inFile: true,
    refine: alertRuleIssues,
  }),
  rpc_max_connections: setting({
    key: 'rpc_max_connections',
    description: 'Socket connections served at once; a connection past this gets LIMIT_EXCEEDED and is closed.',
    schema: Type.Integer({ minimum: 1, maximum: 100_000 }),
    default: () => 1024,
    env: 'SVCTL_RPC_MAX_CONNECTIONS',
    flag: 'rpc-max-connections',
    scope: 'daemon',
    inFile: true,
  }),
  rpc_max_in_flight: setting({
    key: 'rpc_max_in_flight',
    description: 'Requests of one connection being handled at once; past this the daemon stops reading from it until answers go out.',
    schema: Type.Integer({ minimum: 1, maximum: 100_000 }),
    default: () => 64,
    env: 'SVCTL_RPC_MAX_IN_FLIGHT',
    flag: 'rpc-max-in-flight',
    scope: 'daemon',
    inFile: true,
  }),
  rpc_max_unread: setting({
    key: 'rpc_max_unread',
    description: 'Bytes of answers and stream items one client has not read yet (e.g. 8M); past this the daemon stops reading its requests and cuts its streams (SLOW_CONSUMER).',
    schema: Type.String({ pattern: SIZE_STRING_PATTERN }),
    default: () => '8M',
    env: 'SVCTL_RPC_MAX_UNREAD',
    flag: 'rpc-max-unread',
    scope: 'daemon',
    inFile: true,
    most: EXACT_SIZE,
  }),
  rpc_max_unread_total: setting({
    key: 'rpc_max_unread_total',
    description: 'Bytes of unread answers held for all clients together, Unix socket and gateway WebSocket alike (e.g. 16M); past this every client that is not reading is treated as over its own bound.',
    schema: Type.String({ pattern: SIZE_STRING_PATTERN }),
    default: () => '16M',
    env: 'SVCTL_RPC_MAX_UNREAD_TOTAL',
    flag: 'rpc-max-unread-total',
    scope: 'daemon',
    inFile: true,
    most: EXACT_SIZE,
  }),
  rpc_max_partial_total: setting({
    key: 'rpc_max_partial_total',
    description: 'Bytes of unfinished requests held for all connections together (e.g. 16M): socket frames, gateway POST /rpc bodies and WebSocket messages being received; the connection whose request would pass it gets LIMIT_EXCEEDED and is closed (a WebSocket with close code 1008).',
    schema: Type.String({ pattern: SIZE_STRING_PATTERN }),
    default: () => '16M',
    env: 'SVCTL_RPC_MAX_PARTIAL_TOTAL',
    flag: 'rpc-max-partial-total',
    scope: 'daemon',
    inFile: true,
    most: EXACT_SIZE,
  }),
  rpc_max_batch: setting({
    key: 'rpc_max_batch',
    description: 'Requests in one JSON-RPC batch; a larger batch is refused whole with INVALID_REQUEST.',
    schema: Type.Integer({ minimum: 1, maximum: 10_000 }),
    default: () => 100,
    env: 'SVCTL_RPC_MAX_BATCH',
    flag: 'rpc-max-batch',
    scope: 'daemon',
    inFile: true,
  }),
  rpc_stall_timeout: setting({
    key: 'rpc_stall_timeout',
    description: 'How long a client over its unread bound may go without reading before it is disconnected with SLOW_CONSUMER (e.g. 30s).',
    schema: Type.String({ pattern: DURATION_STRING_PATTERN }),
    default: () => '30s',
    env: 'SVCTL_RPC_STALL_TIMEOUT',
    flag: 'rpc-stall-timeout',
    scope: 'daemon',
    inFile: true,
    most: TIMER_DURATION,
  }),
  http_listen: setting({
    key: 'http_listen',
    description: 'Address of the network gateway (HTTPS/WebSocket JSON-RPC, health), e.g. 127.0.0.1:9615; empty (the default) keeps it off. A non-loopback address needs http_tls_cert, http_tls_key and at least one token. In the config file also as "http": {"listen": ...}.',
    schema: Type.String({ pattern: '^$|^(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+):[0-9]{1,5}$' }),
    default: () => '',
    env: 'SVCTL_HTTP',
    flag: 'http',
    scope: 'daemon',
    inFile: true,
  }),
  http_tls_cert: setting({
    key: 'http_tls_cert',
    description: 'PEM certificate (chain) of the gateway; with http_tls_key it serves HTTPS and WSS. Re-read on SIGHUP. In the config file also as "http": {"tls": {"cert": ...}}.',
    schema: Type.String(),
    default: () => '',
    env: 'SVCTL_HTTP_TLS_CERT',
    flag: 'http-tls-cert',
    scope: 'daemon',
    inFile: true,
  }),
  http_tls_key: setting({
    key: 'http_tls_key',
    description: 'PEM private key of the gateway certificate. Re-read on SIGHUP. In the config file also as "http": {"tls": {"key": ...}}.',
    schema: Type.String(),
    default: () => '',
    env: 'SVCTL_HTTP_TLS_KEY',
    flag: 'http-tls-key',
    scope: 'daemon',
    inFile: true,
  }),
  http_rate: setting({
    key: 'http_rate',
    description: 'Gateway requests (HTTP requests and WebSocket messages) per second each token may send on average (each address, without a token).',
    schema: Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000 }),
    default: () => 50,
    env: 'SVCTL_HTTP_RATE',
    flag: 'http-rate',
    scope: 'daemon',
    inFile: true,
  }),
  http_burst: setting({
    key: 'http_burst',
    description: 'Gateway requests each token (or address) may send at once above http_rate before getting RATE_LIMITED (HTTP 429).',
    schema: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    default: () => 100,
    env: 'SVCTL_HTTP_BURST',
    flag: 'http-burst',
    scope: 'daemon',
    inFile: true,
  }),
  http_max_connections: setting({
    key: 'http_max_connections',
    description: 'Gateway connections (HTTP, HTTPS and WebSocket) open at once, all clients together; a connection past this is closed as soon as it is accepted. In the config file also as "http": {"max_connections": N}.',
    schema: Type.Integer({ minimum: 1, maximum: 100_000 }),
    default: () => 2048,
    env: 'SVCTL_HTTP_MAX_CONNECTIONS',
    flag: 'http-max-connections',
    scope: 'daemon',
    inFile: true,
  }),
  http_metrics_public: setting({
    key: 'http_metrics_public',
    description: 'Serve the gateway\'s GET /metrics (Prometheus) without a token (rate-limited per address); off by default: any token (role read or admin) reads it. In the config file also as "http": {"metrics_public": true}.',
    schema: Type.Boolean(),
    default: () => false,
    env: 'SVCTL_HTTP_METRICS_PUBLIC',
    flag: 'http-metrics-public',
    scope: 'daemon',
    inFile: true,
  }),
  autostart: setting({
    key: 'autostart',
    description: 'Start the daemon in the background when a command needs it and none runs.',
    schema: Type.Boolean(),
    default: () => true,
    env: 'SVCTL_AUTOSTART',
    flag: 'autostart',
    scope: 'cli',
    inFile: true,
  }),
  timeout: setting({
    key: 'timeout',
    description: 'How long the CLI waits for an answer from the daemon, in milliseconds.',
    schema: Type.Integer({ minimum: 100, maximum: 3_600_000 }),
    default: () => 60_000,
    env: 'SVCTL_TIMEOUT',
    flag: 'timeout',
    scope: 'cli',
    inFile: true,
  }),
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type Settings = { -readonly [K in SettingKey]: Static<(typeof SETTINGS)[K]['schema']> };
export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];
