import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppFileEntrySchema } from '../src/app-schema.js';
import { editDistance, suggestKey } from '../src/suggest-key.js';

const KNOWN_ENTRY_KEYS = Object.keys(AppFileEntrySchema.properties);

test('typical pm2 typos find their key', () => {
  const typos: Array<[string, string]> = [['sutorestart', 'autorestart'], ['intances', 'instances'], ['sciprt', 'script'], ['Env', 'env'], ['max_restart', 'max_restarts'], ['kill_timout', 'kill_timeout']];
  for (const [typo, key] of typos) assert.equal(suggestKey(typo, KNOWN_ENTRY_KEYS), key, typo);
});

test('nothing close enough, no suggestion', () => {
  assert.equal(suggestKey('health_check_grace_period', KNOWN_ENTRY_KEYS), undefined);
});

test('edit distance counts a transposition as one edit', () => {
  assert.deepEqual([editDistance('ab', 'ba'), editDistance('kitten', 'sitting'), editDistance('', 'abc')], [1, 3, 3]);
});
