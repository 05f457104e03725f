// Params validators for every method, generated ahead of time (scripts/generate-validators.ts), so the
// daemon validates requests without compiling schemas or loading ajv.
import * as generated from './generated/method-validators.js';
import { fromGenerated, type GeneratedValidator, type Validator } from './issues.js';

/** The generated params validator of a method; throws if the generated file is stale (a test checks it is not). */
export function paramsValidator(method: string): Validator {
  const validate = (generated as Record<string, GeneratedValidator | undefined>)[method.replace(/[^A-Za-z0-9_]/g, '_')];
  if (validate === undefined) throw new Error(`no generated params validator for ${method}: run scripts/generate-validators.ts`);
  return fromGenerated(validate);
}
