import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ERROR_NAMES } from '@svctl/protocol';
import { EXIT_FAILED, EXIT_OK, EXIT_UNREACHABLE, EXIT_USAGE, exitCodeFor } from '../src/exit-codes.js';

it('maps every error code to a documented exit code, as docs/errors.md says', () => {
  const doc = fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/errors.md'), 'utf8');
  const documented = new Map([...doc.matchAll(/^\|\s*`([A-Z_]+)`\s*\|\s*-?\d+\s*\|\s*(\d)\s*\|/gm)].map((m) => [m[1], Number(m[2])]));
  for (const name of ERROR_NAMES) {
    const code = exitCodeFor(name);
    assert.ok([EXIT_FAILED, EXIT_USAGE, EXIT_UNREACHABLE].includes(code), `${name} maps to a failure code`);
    assert.equal(documented.get(name), code, `${name}: docs/errors.md says ${documented.get(name)}, the CLI uses ${code}`);
  }
  assert.equal(EXIT_OK, 0);
});

it('keeps the four documented exit codes', () => {
  assert.deepEqual([EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_UNREACHABLE], [0, 1, 2, 3]);
  assert.equal(exitCodeFor('DAEMON_UNREACHABLE'), 3);
  assert.equal(exitCodeFor('CONFIG_INVALID'), 2);
  assert.equal(exitCodeFor('APP_NOT_FOUND'), 1);
});
