// A validated, canonical entry → the AppSpec the daemon runs: absolute paths, ms, bytes, argv.
import os from 'node:os';
import path from 'node:path';
import { parseDuration, parseSize, type AppSpec } from '@svctl/protocol';
import { resolveHealthKeys } from './resolve-health-keys.js';
import { DEFAULT_RESTART_RULES } from '../lifecycle/policy.js';
import type { CanonicalEntry, DurationValue } from './canonical-entry.js';
import { findUnsafeLogFolders } from './check-log-folders.js';
import { findSpecBoundIssues } from './check-spec-bounds.js';
import { describeValue } from './describe-value.js';
import { decideExecMode } from './exec-mode.js';
import { formatListenAddress, parseListenAddress } from './listen-address.js';
import { resolveUserPath } from './expand-path.js';
import { CommandWordsError, resolveCommand, type ResolvedCommand } from './resolve-command.js';
import { EnvFileError, resolveEnv, type ResolvedEnv } from './resolve-env.js';
import { resolveInstances } from './resolve-instances.js';
import { resolveSignal } from './resolve-signal.js';
import { withRuntimeEnv } from './runtime-env.js';
import type { AppFileIssue, AppSource } from './types.js';

export interface ResolveContext {
  source: AppSource;
  baseEnv: Record<string, string>;
  envName: string | null;
  /** Where `~` points: the CLI's HOME. */
  home: string;
  /** The CLI's umask (declared log files are created with 0666 minus it); null when unknown. */
  umask: number | null;
}

export type Resolution = { spec: AppSpec } | { issues: AppFileIssue[] };

// Restart defaults come from the policy that applies them, so the two cannot disagree.
const DEFAULTS = {
  namespace: 'default',
  autorestart: DEFAULT_RESTART_RULES.autorestart,
  min_uptime: DEFAULT_RESTART_RULES.min_uptime,
  max_restarts: DEFAULT_RESTART_RULES.max_restarts,
  kill_timeout: 5000,
  stop_signal: 'SIGTERM',
};

export function resolveApp(entry: CanonicalEntry, app: string, context: ResolveContext): Resolution {
  const cwd = entry.cwd === undefined ? context.source.baseDir : resolveUserPath(entry.cwd, context.source.baseDir, context.home);
  const issues: AppFileIssue[] = [];
  const command = attempt(() => resolveCommand(entry, cwd, context.home), issues, app);
  const env = attempt(() => resolveEnv(entry, context.envName, cwd, context.home), issues, app);
  const signal = resolveSignal(entry.stop_signal ?? DEFAULTS.stop_signal);
  if ('error' in signal) issues.push({ app, path: 'stop_signal', message: signal.error, expected: 'a signal name such as "SIGTERM"', found: describeValue(entry.stop_signal), ...(signal.suggestion === undefined ? {} : { suggestion: signal.suggestion }) });
  const health = resolveHealthKeys(entry, app);
  issues.push(...health.issues);
  const listen = resolveListen(entry.listen, cwd);
  if ('error' in listen) issues.push({ app, path: 'listen', message: listen.error, expected: 'a port, host:port, [ipv6]:port or a unix socket path', found: describeValue(entry.listen) });
  if (command === undefined || env === undefined || 'error' in signal || health.issues.length > 0 || 'error' in listen) return { issues };
  const spec = { ...buildSpec(entry, { cwd, command, env, stopSignal: signal.signal }, context), ...health.keys, ...listen };
  const bounds = [...findSpecBoundIssues(spec, entry.name !== undefined, app), ...findUnsafeLogFolders(spec, app, process.getuid?.() === 0)];
  return bounds.length > 0 ? { issues: bounds } : { spec };
}

interface ResolvedParts {
  cwd: string;
  command: ResolvedCommand;
  env: ResolvedEnv;
  stopSignal: string;
}

function buildSpec(entry: CanonicalEntry, parts: ResolvedParts, context: ResolveContext): AppSpec {
  const { cwd, command } = parts;
  const instances = resolveInstances(entry.instances, os.availableParallelism());
  const mode = decideExecMode(entry, command);
  const spec: AppSpec = {
    name: entry.name ?? defaultName(command),
    namespace: entry.namespace ?? DEFAULTS.namespace,
    script: command.script,
    args: command.args,
    interpreter: command.interpreter,
    interpreter_args: command.interpreter_args,
    command: command.command,
    shell: command.shell,
    cwd,
    env: withRuntimeEnv(parts.env.env, command, context.baseEnv),
    base_env: context.baseEnv,
    env_name: context.envName,
    instances,
    autorestart: entry.autorestart ?? DEFAULTS.autorestart,
    stop_exit_codes: entry.stop_exit_codes === undefined ? [] : [entry.stop_exit_codes].flat(),
    max_restarts: entry.max_restarts ?? DEFAULTS.max_restarts,
    min_uptime: millis(entry.min_uptime) ?? DEFAULTS.min_uptime,
    restart_delay: millis(entry.restart_delay) ?? null,
    exp_backoff_restart_delay: millis(entry.exp_backoff_restart_delay) ?? null,
    kill_timeout: millis(entry.kill_timeout) ?? DEFAULTS.kill_timeout,
    stop_signal: parts.stopSignal,
    source_file: context.source.sourceFile,
    cluster_requested: mode.requested,
    exec_mode: mode.mode,
    exec_mode_reason: mode.reason,
  };
  return withLaterIssueKeys(spec, entry, parts, context);
}

// Keys carried for later features (logs, watch, cron, readiness): normalised, no behaviour here.
function withLaterIssueKeys(spec: AppSpec, entry: CanonicalEntry, parts: ResolvedParts, context: ResolveContext): AppSpec {
  const file = (value: string | undefined) => (value === undefined ? undefined : resolveUserPath(value, parts.cwd, context.home));
  const later: Partial<AppSpec> = {
    out_file: file(entry.out_file),
    error_file: file(entry.error_file),
    log_file: typeof entry.log_file === 'string' ? file(entry.log_file) : entry.log_file === true ? true : undefined,
    merge_logs: entry.merge_logs,
    time: entry.time,
    log_date_format: entry.log_date_format === false ? undefined : entry.log_date_format,
    log_type: entry.log_type,
    log_max_size: entry.log_max_size === undefined ? undefined : Math.max(1, parseSize(entry.log_max_size) ?? 1),
    log_max_files: entry.log_max_files,
    log_max_age: millis(entry.log_max_age),
    log_compress: entry.log_compress,
    log_full_policy: entry.log_full_policy,
    log_file_mode: logFileMode(entry.log_file_mode, context.umask),
    max_memory_restart: entry.max_memory_restart === undefined ? undefined : parseSize(entry.max_memory_restart),
    watch: typeof entry.watch === 'string' ? [entry.watch] : entry.watch,
    ignore_watch: entry.ignore_watch === undefined ? undefined : [entry.ignore_watch].flat(),
    watch_delay: millis(entry.watch_delay),
    cron_restart: entry.cron_restart,
    autostart: entry.autostart,
    instance_var: entry.instance_var,
    shutdown_with_message: entry.shutdown_with_message,
    increment_var: entry.increment_var,
    wait_ready: entry.wait_ready,
    listen_timeout: millis(entry.listen_timeout),
    env_file: parts.env.envFile,
    pid_file: file(entry.pid_file),
    image: entry.image,
  };
  const defined = Object.entries(later).filter(([, value]) => value !== undefined);
  return { ...spec, ...Object.fromEntries(defined) };
}

/** log_file_mode ("0640" or a number), else what the CLI's umask gives a new file, as a shell or pm2 would. */
function logFileMode(declared: string | number | undefined, umask: number | null): number | undefined {
  if (declared !== undefined) return typeof declared === 'number' ? declared : Number.parseInt(declared, 8);
  return umask === null ? undefined : 0o666 & ~umask;
}

/** `listen` as absolute, canonical addresses; duplicates refused. */
function resolveListen(value: string | string[] | undefined, cwd: string): { listen?: string[] } | { error: string } {
  if (value === undefined) return {};
  const addresses: string[] = [];
  for (const text of [value].flat()) {
    const parsed = parseListenAddress(text, cwd);
    if ('error' in parsed) return parsed;
    const address = formatListenAddress(parsed);
    if (addresses.includes(address)) return { error: `"${text}" is listed twice` };
    addresses.push(address);
  }
  return addresses.length === 0 ? { error: 'an empty list: give at least one address' } : { listen: addresses };
}

/** The schema already checked the format, so parsing cannot fail here. */
function millis(value: DurationValue | undefined): number | undefined {
  return value === undefined ? undefined : parseDuration(value);
}

/** pm2's default name: the script's base name without extension (`npm start` → `npm`). */
function defaultName(command: ResolvedCommand): string {
  const first = command.shell ? (command.script.split(/\s+/)[0] ?? command.script) : command.script;
  return path.basename(first, path.extname(first));
}

function attempt<T>(resolve: () => T, issues: AppFileIssue[], app: string): T | undefined {
  try {
    return resolve();
  } catch (error) {
    if (error instanceof CommandWordsError) issues.push({ app, path: error.key, message: error.message, expected: 'closed quotes' });
    else if (error instanceof EnvFileError) issues.push({ app, path: 'env_file', message: error.message, found: JSON.stringify(error.file) });
    else throw error;
    return undefined;
  }
}
