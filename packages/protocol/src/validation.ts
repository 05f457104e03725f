// Every schema check goes through ajv; this module owns the one ajv instance.
import type { TSchema } from '@sinclair/typebox';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export interface SchemaIssue {
  /** JSON-pointer-like path made readable: `apps[0].env.PORT`; empty for the root. */
  path: string;
  keyword: string;
  message: string;
  params: Record<string, unknown>;
}

export type Validator = (value: unknown) => SchemaIssue[];

let ajv: Ajv | undefined;

function sharedAjv(): Ajv {
  if (ajv === undefined) {
    ajv = new Ajv({ allErrors: true, strict: false });
    // ajv-formats is CommonJS; under NodeNext its default export is the module object.
    (addFormats as unknown as { default: (a: Ajv) => void }).default(ajv);
  }
  return ajv;
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

export function readablePath(instancePath: string): string {
  let out = '';
  for (const raw of instancePath.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(part) ? `[${part}]` : out === '' ? part : `.${part}`;
  }
  return out;
}

function toIssue(error: ErrorObject): SchemaIssue {
  let path = readablePath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  // Report a missing or unknown key at the key's own path, which is what users look for.
  const key = params.missingProperty ?? params.additionalProperty;
  if (typeof key === 'string') path = path === '' ? key : `${path}.${key}`;
  let message = error.message ?? 'is invalid';
  if (Array.isArray(params.allowedValues)) message += `: ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  return { path, keyword: error.keyword, message, params };
}

export function describeIssues(issues: SchemaIssue[]): string {
  return issues.map((issue) => `${issue.path === '' ? '(root)' : issue.path}: ${issue.message}`).join('; ');
}
