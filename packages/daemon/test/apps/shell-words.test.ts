import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { quoteShellWord } from '@svctl/protocol';
import { splitShellWords, UnterminatedQuoteError } from '../../src/apps/shell-words.js';

test('splits on whitespace, keeping quoted parts together', () => {
  assert.deepEqual(splitShellWords(' --port 3000  --name "my app" --tag \'a "b"\''), ['--port', '3000', '--name', 'my app', '--tag', 'a "b"']);
});

test('backslashes escape outside quotes and before " \\ $ ` inside double quotes', () => {
  assert.deepEqual(splitShellWords('a\\ b "c\\"d" "e\\nf" \'g\\h\''), ['a b', 'c"d', 'e\\nf', 'g\\h']);
});

test('empty quotes are an empty argument; an empty string is no arguments', () => {
  assert.deepEqual(splitShellWords('a "" b'), ['a', '', 'b']);
  assert.deepEqual(splitShellWords('   '), []);
});

test('an unterminated quote throws', () => {
  assert.throws(() => splitShellWords("it's"), UnterminatedQuoteError);
});

test('quoted words survive a real /bin/sh unchanged', () => {
  const words = ['plain', 'two words', "it's", '$HOME', '"q"', '', 'a\\b'];
  const line = `printf '%s\\n' ${words.map(quoteShellWord).join(' ')}`;
  assert.deepEqual(execFileSync('/bin/sh', ['-c', line], { encoding: 'utf8' }).split('\n').slice(0, -1), words);
});
