import assert from 'node:assert/strict';
import fs from 'node:fs';
import { it } from 'node:test';
import { COMMANDS } from '../src/commands/index.js';
import { completeWords } from '../src/complete-words.js';

const optionsOf = (definition: unknown) => (definition === undefined ? ['json', 'home'] : ['json', 'home', 'max-memory-restart', 'max-restarts']);

it('completes commands first, then the options of the command', async () => {
  assert.deepEqual(await completeWords(['svctl', 'sc'], COMMANDS, optionsOf), ['scale']);
  assert.deepEqual(await completeWords(['svctl', 'j'], COMMANDS, optionsOf), ['jlist']);
  assert.deepEqual(await completeWords(['svctl', 'start', '--max'], COMMANDS, optionsOf), ['--max-memory-restart', '--max-restarts']);
});

it('offers names only to commands that take a target, and without a daemon only "all"', async (t) => {
  const home = fs.mkdtempSync('/tmp/svctl-');
  t.after(() => fs.rmSync(home, { recursive: true, force: true }));
  assert.deepEqual(await completeWords(['svctl', '--home', home, 'stop', ''], COMMANDS, optionsOf), ['all']);
  assert.deepEqual(await completeWords(['svctl', '--home', home, 'ping', ''], COMMANDS, optionsOf), []);
  assert.deepEqual(fs.readdirSync(home), [], 'no daemon was started');
});
