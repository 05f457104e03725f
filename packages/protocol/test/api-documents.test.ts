// The generated API documents (scripts/generate-api-docs.ts): committed and fresh, and valid against the
// OpenRPC meta-schema and the OpenAPI 3.1 schema, with every method of the protocol in each.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { generateApiMd, generateOpenApi, generateOpenRpc, GENERATED_API_DOCS } from '../../../scripts/generate-api-docs.js';
import { ALL_METHODS } from '../src/methods/index.js';
import { ERROR_NAMES } from '../src/errors.js';
import { addSchemaFormats } from '../src/validation.js';

// Both packages declare only the types of their meta-schemas; the values are plain JSON Schema objects.
const require = createRequire(import.meta.url);
const { jsonSchema } = require('@json-schema-tools/meta-schema') as { jsonSchema: Record<string, unknown> };
const { openrpcDocument } = require('@open-rpc/meta-schema') as { openrpcDocument: Record<string, unknown> };
const read = (file: string) => fs.readFileSync(file, 'utf8');
const json = (file: string) => JSON.parse(read(file)) as Record<string, unknown>;

describe('the API documents', () => {
  it('the committed docs/openrpc.json, docs/openapi.json and the method table of docs/api.md are up to date (run npm run generate)', () => {
    assert.equal(read(GENERATED_API_DOCS.openRpc), generateOpenRpc());
    assert.equal(read(GENERATED_API_DOCS.openApi), generateOpenApi());
    assert.equal(read(GENERATED_API_DOCS.apiMd), generateApiMd(read(GENERATED_API_DOCS.apiMd)));
  });

  it('openrpc.json validates against the OpenRPC meta-schema and describes every method, role and error', () => {
    // Its JSON Schemas are checked against meta.json-schema.tools, the JSON Schema meta-schema of the OpenRPC tools.
    const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    ajv.addSchema(jsonSchema);
    // (referred to with and without the trailing slash)
    ajv.addSchema({ $ref: 'https://meta.json-schema.tools/' }, 'https://meta.json-schema.tools');
    const validate = ajv.compile(openrpcDocument);
    const document = json(GENERATED_API_DOCS.openRpc);
    assert.ok(validate(document), ajv.errorsText(validate.errors));

    const methods = document.methods as Array<{ name: string; 'x-svctl-role': string; params: Array<{ name: string; schema: object }>; result: { schema: object }; 'x-svctl-stream-item'?: object }>;
    assert.deepEqual(methods.map((method) => method.name), ALL_METHODS.map((method) => method.name));
    for (const method of ALL_METHODS) {
      const described = methods.find((entry) => entry.name === method.name)!;
      assert.equal(described['x-svctl-role'], method.readOnly === true ? 'read' : 'admin', method.name);
      assert.deepEqual(described.params.map((param) => param.name), Object.keys(method.params.properties as object), method.name);
      assert.equal(described['x-svctl-stream-item'] !== undefined, method.item !== undefined, method.name);
    }
    assert.deepEqual(Object.keys((document.components as { errors: object }).errors), ERROR_NAMES);
    // Each embedded schema is itself a valid JSON Schema.
    const schemas = new Ajv({ strict: false });
    addSchemaFormats(schemas);
    for (const method of methods) {
      for (const schema of [...method.params.map((param) => param.schema), method.result.schema]) assert.doesNotThrow(() => schemas.compile(schema), method.name);
    }
  });

  it('openapi.json validates against the OpenAPI 3.1 schema, its schemas are valid 2020-12 schemas, and it lists every method', async () => {
    const document = json(GENERATED_API_DOCS.openApi);
    const validator = new Validator();
    const checked = await validator.validate(document);
    assert.ok(checked.valid, JSON.stringify(checked.errors));
    assert.equal(validator.version, '3.1');
    assert.doesNotThrow(() => validator.resolveRefs(), 'every $ref resolves');

    const ajv = new Ajv2020({ strict: false });
    addSchemaFormats(ajv);
    const schemas = (document.components as { schemas: Record<string, object> }).schemas;
    for (const [name, schema] of Object.entries(schemas)) assert.ok(ajv.validateSchema(schema), `${name}: ${ajv.errorsText(ajv.errors)}`);
    const description = (document.info as { description: string }).description;
    for (const method of ALL_METHODS) {
      assert.ok(description.includes(`| \`${method.name}\` |`), `${method.name} in the introduction`);
      assert.ok(schemas[`${method.name}.request`] !== undefined && schemas[`${method.name}.result`] !== undefined, method.name);
    }
    // Each method's example request passes its params schema.
    const examples = (document.paths as { '/rpc': { post: { requestBody: { content: { 'application/json': { examples: Record<string, { value: { params: unknown } }> } } } } } })['/rpc'].post.requestBody.content['application/json'].examples;
    const params = new Ajv({ strict: false });
    addSchemaFormats(params);
    for (const method of ALL_METHODS) assert.ok(params.validate(method.params, examples[method.name]?.value.params), `${method.name} example: ${params.errorsText()}`);
    const paths = Object.keys(document.paths as object);
    for (const route of ['/rpc', '/ws', '/healthz', '/readyz', '/metrics', '/openrpc.json', '/openapi.json', '/docs']) assert.ok(paths.includes(route), route);
  });
});
