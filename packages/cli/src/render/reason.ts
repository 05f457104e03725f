// How the CLI words a reason code. The wording is chosen by the code (a complete table, so a new code
// fails compilation until it has words); the daemon's detail is appended as it is, never parsed.
import type { ReasonCode } from '@svctl/protocol';

const WORDS: Record<ReasonCode, string> = {
  user_start: 'started by user',
  user_stop: 'stopped by user',
  user_restart: 'restarted by user',
  user_delete: 'deleted by user',
  reload: 'reload',
  reload_not_ready: 'reload replacement not ready',
  scale: 'scaling',
  resurrect: 'resurrected from the dump',
  daemon_recovery: 'recovered after a daemon crash',
  daemon_shutdown: 'daemon shutdown',
  spawned: 'spawned',
  ready: 'ready',
  spawn_failed: 'spawn failed',
  crash: 'crashed',
  clean_exit: 'exited',
  stop_exit_code: 'exited with a stop exit code',
  restart_due: 'restarting after backoff',
  memory: 'over max_memory_restart',
  liveness: 'liveness probe failed',
  readiness_timeout: 'not ready in time',
  watch: 'watched file changed',
  cron: 'cron restart',
  dependency: 'dependencies',
  log_write_failed: 'log write failed',
  log_lines_dropped: 'log lines dropped',
};

/** `crashed (exit code 1; restart in 100ms)`; an instance without any transition yet shows `-`. */
export function describeReason(reason: ReasonCode | null, detail: string): string {
  if (reason === null) return '-';
  return detail === '' ? WORDS[reason] : `${WORDS[reason]} (${detail})`;
}
