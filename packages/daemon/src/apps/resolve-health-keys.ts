// App-file keys of health checks, triggers and dependencies → their resolved spec parts, or issues.
import { parseDuration, type AppSpec, type ProbeSpec } from '@svctl/protocol';
import { Cron } from 'croner';
import type { CanonicalEntry, DurationValue, ProbeEntry } from './canonical-entry.js';
import { describeValue } from './describe-value.js';
import type { AppFileIssue } from './types.js';

export const PROBE_DEFAULTS = { initial_delay: 0, period: 10_000, timeout: 1000, failure_threshold: 3, success_threshold: 1 } as const;
const CHECK_KEYS = ['http_get', 'tcp_socket', 'exec'] as const;

type HealthKeys = Pick<AppSpec, 'ready_log_line' | 'readiness_probe' | 'liveness_probe' | 'depends_on' | 'cron_restart'>;

export function resolveHealthKeys(entry: CanonicalEntry, app: string): { keys: HealthKeys; issues: AppFileIssue[] } {
  const issues: AppFileIssue[] = [];
  const keys: HealthKeys = {};
  if (entry.ready_log_line !== undefined) keys.ready_log_line = entry.ready_log_line;
  for (const key of ['readiness_probe', 'liveness_probe'] as const) {
    const probe = entry[key];
    if (probe === undefined) continue;
    const resolved = resolveProbe(probe, key, app, issues);
    if (resolved !== undefined) keys[key] = resolved;
  }
  if (entry.depends_on !== undefined) keys.depends_on = { ...entry.depends_on };
  if (entry.cron_restart !== undefined) {
    const problem = cronProblem(entry.cron_restart);
    if (problem === null) keys.cron_restart = entry.cron_restart;
    else issues.push({ app, path: 'cron_restart', message: `key "cron_restart" is not a valid cron expression: ${problem}`, expected: 'a cron expression (5 fields, or 6 with seconds first)', found: describeValue(entry.cron_restart) });
  }
  return { keys, issues };
}

function resolveProbe(probe: ProbeEntry, key: string, app: string, issues: AppFileIssue[]): ProbeSpec | undefined {
  const present = CHECK_KEYS.filter((check) => probe[check] !== undefined);
  if (present.length !== 1) {
    const found = present.length === 0 ? 'none' : present.join(' and ');
    issues.push({ app, path: key, message: `key "${key}" must have exactly one of http_get, tcp_socket or exec, found ${found}`, expected: 'one of http_get, tcp_socket or exec', found });
    return undefined;
  }
  const timing = {
    initial_delay: millis(probe.initial_delay) ?? PROBE_DEFAULTS.initial_delay,
    period: Math.max(millis(probe.period) ?? PROBE_DEFAULTS.period, 1),
    timeout: Math.max(millis(probe.timeout) ?? PROBE_DEFAULTS.timeout, 1),
    failure_threshold: probe.failure_threshold ?? PROBE_DEFAULTS.failure_threshold,
    success_threshold: probe.success_threshold ?? PROBE_DEFAULTS.success_threshold,
  };
  if (probe.tcp_socket !== undefined) return { ...timing, tcp_socket: { host: probe.tcp_socket.host ?? '127.0.0.1', port: probe.tcp_socket.port } };
  if (probe.exec !== undefined) return { ...timing, exec: { command: probe.exec.command } };
  const http = probe.http_get ?? {};
  const url = http.url ?? httpUrl(http);
  if (url === undefined) {
    issues.push({ app, path: `${key}.http_get`, message: `key "${key}.http_get" needs url, or port (with optional host, path, scheme)`, expected: 'url or port', found: describeValue(http) });
    return undefined;
  }
  if (http.url !== undefined && (http.host !== undefined || http.port !== undefined || http.path !== undefined || http.scheme !== undefined)) {
    issues.push({ app, path: `${key}.http_get`, message: `key "${key}.http_get" has url and also host/port/path/scheme; use one form`, expected: 'url, or host/port/path/scheme', found: describeValue(http) });
    return undefined;
  }
  return { ...timing, http_get: { url, headers: { ...http.headers }, status_code: http.status_code ?? null } };
}

function httpUrl(http: NonNullable<ProbeEntry['http_get']>): string | undefined {
  if (http.port === undefined) return undefined;
  const host = http.host ?? '127.0.0.1';
  return `${http.scheme ?? 'http'}://${host.includes(':') ? `[${host}]` : host}:${http.port}${http.path ?? '/'}`;
}

function cronProblem(expression: string): string | null {
  try {
    new Cron(expression, { paused: true }).stop();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function millis(value: DurationValue | undefined): number | undefined {
  return value === undefined ? undefined : parseDuration(value);
}
