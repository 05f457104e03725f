import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { generateAppFileDoc, generateProtocolDoc, GENERATED_DOCS } from '../../../scripts/generate-docs.js';
import {
  generateMethodValidators,
  generateSettingsValidators,
  generateStateValidators,
  GENERATED_METHOD_VALIDATORS,
  GENERATED_SETTINGS_VALIDATORS,
  GENERATED_STATE_VALIDATORS,
} from '../../../scripts/generate-validators.js';
import { AppFileEntrySchema, AppSpecSchema } from '../src/app-schema.js';
import { paramsValidator } from '../src/method-validators.js';
import { ALL_METHODS } from '../src/methods/index.js';
import { SETTINGS, SETTING_KEYS } from '../src/settings/definitions.js';
import { addSchemaFormats } from '../src/validation.js';

describe('schemas', () => {
  // The runtime ajv skips meta-schema validation for speed; this is where schemas are checked.
  it('every method and setting schema is valid JSON Schema (strict)', () => {
    const ajv = new Ajv({ strict: true, validateSchema: true });
    addSchemaFormats(ajv);
    for (const method of ALL_METHODS) {
      for (const [part, schema] of Object.entries({ params: method.params, result: method.result, item: method.item })) {
        if (schema === undefined) continue;
        assert.doesNotThrow(() => ajv.compile(schema), `${method.name} ${part}`);
      }
    }
    for (const key of SETTING_KEYS) assert.doesNotThrow(() => ajv.compile(SETTINGS[key].schema), key);
    assert.doesNotThrow(() => ajv.compile(AppFileEntrySchema), 'app file entry');
    assert.doesNotThrow(() => ajv.compile(AppSpecSchema), 'app spec');
  });

  it('method names are unique', () => {
    const names = ALL_METHODS.map((method) => method.name);
    assert.equal(new Set(names).size, names.length);
  });

  it('the committed generated settings, method, dump and journal validators are up to date (run npm run generate)', () => {
    assert.equal(fs.readFileSync(GENERATED_SETTINGS_VALIDATORS, 'utf8'), generateSettingsValidators());
    assert.equal(fs.readFileSync(GENERATED_METHOD_VALIDATORS, 'utf8'), generateMethodValidators());
    assert.equal(fs.readFileSync(GENERATED_STATE_VALIDATORS, 'utf8'), generateStateValidators());
  });

  it('generated params validators accept and reject like the schemas', () => {
    const hello = paramsValidator('daemon.hello');
    assert.deepEqual(hello({ protocol_version: '1.0.0', client: { name: 'x', version: '1' } }), []);
    assert.deepEqual(hello({ protocol_version: 1 }).map((issue) => issue.path).sort(), ['client', 'protocol_version']);
    for (const method of ALL_METHODS) assert.equal(typeof paramsValidator(method.name), 'function', method.name);
  });

  it('the committed docs/app-file.md and docs/protocol.md match the schemas (run scripts/generate-docs.ts)', () => {
    assert.equal(fs.readFileSync(GENERATED_DOCS.appFile, 'utf8'), generateAppFileDoc());
    assert.equal(fs.readFileSync(GENERATED_DOCS.protocol, 'utf8'), generateProtocolDoc());
  });
});
