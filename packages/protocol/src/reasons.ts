// The one catalogue of reason codes: why an instance changed status. Every transition event, list row,
// describe row and events item carries `reason` (a code from here, stable for scripts and alert rules)
// and `detail` (text for people: exit code, signal, probe result, changed file, delay). Programs switch
// on `reason`; nothing decides anything by reading `detail`. docs/reasons.md is generated from this table.
import { StringEnum } from './schema-helpers.js';

export const REASON_CATALOGUE = {
  user_start: 'A user started the app (`svctl start`).',
  user_stop: 'A user stopped the app (`svctl stop`).',
  user_restart: 'A user restarted the app (`svctl restart`); the restart counters start over.',
  user_delete: 'A user deleted the app (`svctl delete`); its instances were stopped first.',
  reload: 'A reload (`svctl reload`) started a new instance or stopped the one it replaced.',
  reload_not_ready: 'A reload\'s replacement did not become ready (listening, in cluster mode) within listen_timeout: it was stopped, the rollout stopped and the instance it was to replace kept serving.',
  scale: 'Scaling (`svctl scale`) added or removed the instance.',
  resurrect: 'Started again from the saved dump (`svctl resurrect`, or `svctld --resurrect` at boot).',
  daemon_recovery: 'The daemon died without stopping its apps; the next daemon restarted them from its crash journal.',
  daemon_shutdown: 'The daemon is shutting down and stopped the instance.',
  spawned: 'The process started; detail has the pid (and the listen_timeout when it must still become ready).',
  ready: 'The process became ready: ready message, ready_log_line or readiness probe (detail says which).',
  spawn_failed: 'The process could not be started (missing script, not executable, bad cwd); detail has the OS reason.',
  crash: 'The process ended on its own with a non-zero exit code or a signal.',
  clean_exit: 'The process ended on its own with exit code 0.',
  stop_exit_code: 'The process ended with an exit code listed in stop_exit_codes, so it is not restarted.',
  restart_due: 'The restart delay (backoff) has passed; the instance starts again.',
  memory: 'The process group used more memory than max_memory_restart; it was stopped and is restarted by the restart policy.',
  liveness: 'The liveness probe failed failure_threshold times in a row; the instance was stopped and is restarted by the restart policy.',
  readiness_timeout: 'The process did not become ready within listen_timeout; the start counts as failed.',
  watch: 'A watched file changed (detail names it); the app was restarted.',
  cron: 'The cron_restart schedule fired; the app was restarted.',
  dependency: 'The instance waits for its depends_on conditions (detail says which); a stop of a waiting app has the stop\'s reason.',
  log_write_failed: 'Writing a log file failed (disk full, permissions); the status does not change (from = to).',
  log_lines_dropped: 'Lines were dropped because a log file could not take them and the app has log_full_policy "drop"; detail counts them; the status does not change (from = to).',
} as const satisfies Record<string, string>;

export type ReasonCode = keyof typeof REASON_CATALOGUE;

export const REASON_CODES = Object.keys(REASON_CATALOGUE) as ReasonCode[];

export const ReasonSchema = StringEnum(REASON_CODES, { description: 'Why: a stable code from the reason catalogue (docs/reasons.md).' });
