import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ERROR_CATALOGUE, ERROR_NAMES, fromWireError, SvctlError, toWireError } from '../src/errors.js';

const docsPath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/errors.md');

describe('error catalogue', () => {
  it('gives every error a unique wire code', () => {
    const codes = ERROR_NAMES.map((name) => ERROR_CATALOGUE[name].code);
    assert.equal(new Set(codes).size, codes.length);
  });

  it('keeps svctl codes outside JSON-RPC\'s reserved range, which holds only the five spec errors', () => {
    const reserved = ERROR_NAMES.filter((name) => ERROR_CATALOGUE[name].code >= -32768 && ERROR_CATALOGUE[name].code <= -32000);
    assert.deepEqual(reserved.sort(), ['INTERNAL', 'INVALID_PARAMS', 'INVALID_REQUEST', 'METHOD_NOT_FOUND', 'PARSE_ERROR']);
    for (const name of ERROR_NAMES.filter((n) => !reserved.includes(n))) {
      assert.ok(ERROR_CATALOGUE[name].code >= 1000 && ERROR_CATALOGUE[name].code < 10000, `${name} is in a documented family`);
    }
  });

  it('survives the wire with its name, details and hint', () => {
    const original = new SvctlError('APP_NOT_FOUND', 'no app "api"', { details: { target: 'api' }, hint: 'svctl list' });
    const rebuilt = fromWireError(JSON.parse(JSON.stringify(toWireError(original))));
    assert.equal(rebuilt.code, 'APP_NOT_FOUND');
    assert.equal(rebuilt.message, 'no app "api"');
    assert.deepEqual(rebuilt.details, { target: 'api' });
    assert.equal(rebuilt.hint, 'svctl list');
  });

  it('maps a bare JSON-RPC code to its name and an unknown code to INTERNAL', () => {
    assert.equal(fromWireError({ code: -32601, message: 'nope' }).code, 'METHOD_NOT_FOUND');
    assert.equal(fromWireError({ code: 98765, message: 'from the future' }).code, 'INTERNAL');
  });

  it('is documented in docs/errors.md, row for row, and the doc lists no code that does not exist', () => {
    const rows = [...fs.readFileSync(docsPath, 'utf8').matchAll(/^\|\s*`([A-Z_]+)`\s*\|\s*(-?\d+)\s*\|/gm)].map((m) => [m[1], Number(m[2])]);
    const documented = new Map(rows as Array<[string, number]>);
    assert.equal(documented.size, rows.length, 'no duplicate rows');
    for (const name of ERROR_NAMES) assert.equal(documented.get(name), ERROR_CATALOGUE[name].code, `${name} documented with its code`);
    for (const name of documented.keys()) assert.ok(name in ERROR_CATALOGUE, `${name} in the doc exists in the catalogue`);
  });
});
