import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { toYaml, type YamlValue } from '../../src/export/shared/yaml.js';

const TRICKY = [
  '', ' ', 'plain', 'two words', 'true', 'False', 'yes', 'no', 'on', 'off', 'y', 'N', 'null', '~', '.inf', '-.Inf', '.nan',
  '123', '0123', '1e3', '0x1F', '0o17', '1_000', '12:30', '3.', '.5', '-1', '+1', 'a: b', 'a #b', '#comment', '- item', '? key',
  '[list]', '{map}', '*alias', '&anchor', '!tag', '|', '>', '%directive', '@at', '`tick`', "it's", 'say "hi"', 'back\\slash',
  'line\nbreak', 'tab\there', 'trailing ', ' leading', 'unicode é ✓', 'del\u007f', 'ls\u2028', 'reg/x:1', 'http://x:80/a?b=c',
  '--max-old-space-size=1024', '$HOME', 'a,b', '=', 'ends:', '---', '...', '0', '-',
];

describe('toYaml', () => {
  it('writes every string so that a YAML parser reads the same string back', () => {
    const document = toYaml({ values: TRICKY, keys: Object.fromEntries(TRICKY.filter((key) => key !== '').map((key) => [key, key])) });
    const read = parse(document) as { values: string[]; keys: Record<string, string> };
    assert.deepEqual(read.values, TRICKY);
    for (const key of TRICKY.filter((candidate) => candidate !== '')) assert.equal(read.keys[key], key, JSON.stringify(key));
  });

  it('round-trips nested maps and lists, numbers, booleans, null and empty collections', () => {
    const value = {
      apiVersion: 'apps/v1',
      spec: { replicas: 3, paused: false, list: [1, 2.5, -3], nested: [{ a: 1, b: [{ c: 'd' }] }, [], {}, ['x', ['y']]], none: null, empty: {}, nothing: [] },
    };
    assert.deepEqual(parse(toYaml(value)), value);
  });

  it('leaves out keys whose value is undefined, and writes maps in block style', () => {
    assert.equal(toYaml({ a: 1, b: undefined, c: { d: 'e' }, f: ['g', { h: 'i', j: 'k' }] } as YamlValue), 'a: 1\nc:\n  d: e\nf:\n  - g\n  - h: i\n    j: k\n');
  });

  it('refuses a number YAML cannot hold', () => {
    assert.throws(() => toYaml({ a: Number.NaN }), /NaN/);
  });
});
