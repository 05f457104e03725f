import assert from 'node:assert/strict';
import { it } from 'node:test';
import { SvctlError } from '@svctl/protocol';
import { parseDeployAction, parseDeployWords } from '../../src/deploy/deploy-action.js';

it("reads pm2's deploy commands, with no command meaning update", () => {
  assert.deepEqual(parseDeployAction([]), { kind: 'update' });
  assert.deepEqual(parseDeployAction(['setup']), { kind: 'setup' });
  assert.deepEqual(parseDeployAction(['revert']), { kind: 'revert', steps: 1 });
  assert.deepEqual(parseDeployAction(['revert', '3']), { kind: 'revert', steps: 3 });
  assert.deepEqual(parseDeployAction(['curr']), { kind: 'current' });
  assert.deepEqual(parseDeployAction(['prev']), { kind: 'previous' });
  assert.deepEqual(parseDeployAction(['list']), { kind: 'list' });
  assert.deepEqual(parseDeployAction(['exec', 'npm', 'run', 'migrate']), { kind: 'exec', command: 'npm run migrate' });
  assert.deepEqual(parseDeployAction(['run', 'ls -la']), { kind: 'exec', command: 'ls -la' });
});

it('refuses what is not a deploy command, with the usage line', () => {
  for (const words of [['rollback'], ['revert', '0'], ['revert', 'two'], ['revert', '1', '2'], ['list', 'all'], ['exec'], ['exec', ' ']]) {
    assert.throws(() => parseDeployAction(words), (error: unknown) => error instanceof SvctlError && error.code === 'USAGE' && error.hint?.includes('usage: svctl deploy [FILE] ENV') === true, words.join(' '));
  }
});

it('takes the first word as the app file when it is named like one, else as the environment (pm2)', () => {
  assert.deepEqual(parseDeployWords(['ecosystem.config.js', 'production', 'setup']), { file: 'ecosystem.config.js', environment: 'production', action: { kind: 'setup' } });
  assert.deepEqual(parseDeployWords(['deploy/apps.yaml', 'staging']), { file: 'deploy/apps.yaml', environment: 'staging', action: { kind: 'update' } });
  assert.deepEqual(parseDeployWords(['./apps', 'staging', 'list']), { file: './apps', environment: 'staging', action: { kind: 'list' } });
  assert.deepEqual(parseDeployWords(['production']), { file: undefined, environment: 'production', action: { kind: 'update' } });
  assert.deepEqual(parseDeployWords(['production', 'revert', '2']), { file: undefined, environment: 'production', action: { kind: 'revert', steps: 2 } });
  for (const words of [[], ['ecosystem.config.js']]) {
    assert.throws(() => parseDeployWords(words), (error: unknown) => error instanceof SvctlError && error.code === 'USAGE' && error.message.includes('environment is missing'), words.join(' '));
  }
});
