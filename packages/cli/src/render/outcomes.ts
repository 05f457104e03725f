import type { AppOutcome, InstanceFailure } from '@svctl/protocol';

const VERBS: Record<AppOutcome['action'], string> = {
  started: 'started',
  registered: 'registered, not started',
  already_running: 'is already running',
  updated_and_started: 'updated from the file and started',
  stopped: 'stopped',
  already_stopped: 'was already stopped',
  restarted: 'restarted',
  reloaded: 'reloaded',
  updated: 'updated in place',
  deleted: 'deleted',
  scaled: 'scaled',
  signalled: 'signalled',
  reset: 'counters reset',
};

/** `file`: the app file as the user named it, for the command that applies its changes to running apps. */
export function renderOutcome(outcome: AppOutcome, file?: string): string {
  const mark = outcome.failed === true ? '✗' : '✓';
  const failures = outcome.failures ?? [];
  const failed = failures.length === 0 ? '' : `, but ${failures.length === 1 ? 'an instance' : `${failures.length} instances`} did not stay up:`;
  const head = `${mark} ${outcome.app} [id ${outcome.id}] ${VERBS[outcome.action]}${aside(outcome, file)}${failed}`;
  return [head, ...failures.flatMap(failureLines)].join('\n');
}

function aside(outcome: AppOutcome, file: string | undefined): string {
  const changed = outcome.changed;
  if (outcome.action === 'already_running' && changed !== undefined && changed.length > 0) {
    return `, but differs from the file (${changed.join(', ')}): run \`svctl startOrReload ${file ?? '<file>'}\` to apply`;
  }
  const notes = [outcome.detail, changed === undefined ? undefined : changed.length === 0 ? 'no key changed in the file' : `changed: ${changed.join(', ')}`];
  const text = notes.filter((note) => note !== undefined).join('; ');
  return text === '' ? '' : ` (${text})`;
}

function failureLines(failure: InstanceFailure): string[] {
  return [`    instance ${failure.instance}: ${failure.reason} (${failure.detail}), now ${failure.status}`, ...failure.stderr.map((line) => `      stderr | ${line}`)];
}
