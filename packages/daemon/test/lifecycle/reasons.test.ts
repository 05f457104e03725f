// The reason catalogue, its generated doc, and the rule that keeps code from deciding by `detail`.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { REASON_CATALOGUE, REASON_CODES } from '@svctl/protocol';
import { generateReasonsDoc, GENERATED_DOCS } from '../../../../scripts/generate-docs.js';
import { CAUSE_RULES } from '../../src/lifecycle/policy.js';

describe('reason catalogue', () => {
  it('holds unique snake_case codes, each with a one-line description', () => {
    assert.equal(new Set(REASON_CODES).size, REASON_CODES.length);
    for (const code of REASON_CODES) {
      assert.match(code, /^[a-z]+(_[a-z]+)*$/);
      assert.ok(REASON_CATALOGUE[code].length > 10 && !REASON_CATALOGUE[code].includes('\n'), code);
    }
  });

  it('names every restart cause of the policy', () => {
    for (const cause of Object.keys(CAUSE_RULES)) assert.ok((REASON_CODES as string[]).includes(cause), cause);
  });

  it('is documented in docs/reasons.md, generated and up to date (run scripts/generate-docs.ts)', () => {
    const doc = fs.readFileSync(GENERATED_DOCS.reasons, 'utf8');
    assert.equal(doc, generateReasonsDoc());
    const documented = [...doc.matchAll(/^\| `([a-z_]+)` \| [A-Z]/gm)].map((match) => match[1]);
    assert.deepEqual(documented, REASON_CODES);
  });
});

const configFile: string = '../../../../eslint.config.js';
const { default: config } = (await import(configFile)) as { default: Linter.Config[] };

describe('lint: nothing decides by reading detail', () => {
  // The rule of eslint.config.js for source files, run on samples without type information.
  const sourceBlock = config.find((block) => block.files?.includes('packages/*/src/**/*.ts') === true);
  const lint = (code: string) =>
    new Linter({ configType: 'flat' }).verify(code, [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser as Linter.Parser }, rules: sourceBlock?.rules ?? {} }], 'x.ts');

  for (const code of [
    "if (event.detail.includes('restart')) go();",
    "if (outcome.detail === '0 instance(s)') go();",
    "if ('memory' !== event.detail) go();",
    'if (/SIGKILL/.test(row.detail)) go();',
    "if (event.detail.startsWith('liveness')) go();",
    'switch (event.detail) { default: go(); }',
  ]) {
    it(`rejects: ${code}`, () => assert.equal(lint(code).length, 1, JSON.stringify(lint(code))));
  }

  it('accepts deciding by the code, and showing or testing the emptiness of the detail', () => {
    assert.deepEqual(lint("if (event.reason === 'memory' && event.detail !== '') show(`${event.reason}: ${event.detail}`);"), []);
  });
});
