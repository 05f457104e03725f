import type { AppOutcome } from '@svctl/protocol';

const VERBS: Record<AppOutcome['action'], string> = {
  started: 'started',
  registered: 'registered, not started',
  already_running: 'is already running',
  updated_and_started: 'updated from the file and started',
  stopped: 'stopped',
  already_stopped: 'was already stopped',
  restarted: 'restarted',
  reloaded: 'reloaded',
  deleted: 'deleted',
  scaled: 'scaled',
  signalled: 'signalled',
  reset: 'counters reset',
};

export function renderOutcome(outcome: AppOutcome): string {
  const detail = outcome.detail === undefined ? '' : ` (${outcome.detail})`;
  return `${outcome.failed === true ? '✗' : '✓'} ${outcome.app} [id ${outcome.id}] ${VERBS[outcome.action]}${detail}`;
}
