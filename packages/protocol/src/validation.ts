// Every schema check goes through ajv; this module owns the one ajv instance.
import type { TSchema } from '@sinclair/typebox';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { APP_LIMITS } from './app-limits.js';
import { toIssue, type Validator } from './issues.js';
import { BOUNDED_AGE_FORMAT, BOUNDED_DURATION_FORMAT, BOUNDED_SIZE_FORMAT, parseDuration, parseSize } from './units.js';

let ajv: Ajv | undefined;

function sharedAjv(): Ajv {
  if (ajv === undefined) {
    // Schemas come from TypeBox and are checked against the meta-schema by a unit test, so the
    // runtime skips that (compiling the meta-schema costs ~20 ms of every CLI start).
    ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });
    addSchemaFormats(ajv);
  }
  return ajv;
}

/** The formats our schemas use: ajv-formats' and svctl's own. */
export function addSchemaFormats(target: Ajv): void {
  // ajv-formats is CommonJS; under NodeNext its default export is the module object.
  (addFormats as unknown as { default: (a: Ajv) => void }).default(target);
  // "40d" matches the duration pattern but overflows a timer (which then fires at once).
  target.addFormat(BOUNDED_DURATION_FORMAT, { type: 'string', validate: (text: string) => (parseDuration(text) ?? Infinity) <= APP_LIMITS.durationMs });
  // "9999999999G" matches the size pattern but is more bytes than a number holds exactly.
  target.addFormat(BOUNDED_SIZE_FORMAT, { type: 'string', validate: (text: string) => (parseSize(text) ?? Infinity) <= APP_LIMITS.sizeBytes });
  target.addFormat(BOUNDED_AGE_FORMAT, { type: 'string', validate: (text: string) => (parseDuration(text) ?? Infinity) <= APP_LIMITS.sizeBytes });
}

const cache = new WeakMap<object, ValidateFunction>();

export function compileValidator(schema: TSchema): Validator {
  let validate = cache.get(schema);
  if (validate === undefined) {
    validate = sharedAjv().compile(schema);
    cache.set(schema, validate);
  }
  const compiled = validate;
  return (value) => (compiled(value) ? [] : (compiled.errors ?? []).map(toIssue));
}
