// Schema errors made readable; shared by ajv validators compiled at run time and generated ones.
import type { ErrorObject } from 'ajv';

export interface SchemaIssue {
  /** JSON-pointer-like path made readable: `apps[0].env.PORT`; empty for the root. */
  path: string;
  keyword: string;
  message: string;
  params: Record<string, unknown>;
}

export type Validator = (value: unknown) => SchemaIssue[];

/** The shape of an ajv standalone (generated) validate function. */
export type GeneratedValidator = ((value: unknown) => boolean) & { errors?: ErrorObject[] | null };

export function fromGenerated(validate: GeneratedValidator): Validator {
  return (value) => (validate(value) ? [] : (validate.errors ?? []).map(toIssue));
}

export function readablePath(instancePath: string): string {
  let out = '';
  for (const raw of instancePath.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(part) ? `[${part}]` : out === '' ? part : `.${part}`;
  }
  return out;
}

export function toIssue(error: ErrorObject): SchemaIssue {
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
