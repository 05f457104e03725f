// Short "expected" texts for validation errors, read from the schema itself.
import type { TSchema } from '@sinclair/typebox';

/** The schema that applies at a readable path such as `env.PORT` or `args[0]`. */
export function schemaAtPath(root: TSchema, path: string): TSchema | undefined {
  let schema: TSchema | undefined = root;
  for (const segment of path.split(/\.|(?=\[)/)) {
    if (schema === undefined || segment === '') return schema;
    schema = segment.startsWith('[') ? (schema.items as TSchema | undefined) : childSchema(schema, segment);
  }
  return schema;
}

function childSchema(schema: TSchema, key: string): TSchema | undefined {
  const properties = schema.properties as Record<string, TSchema> | undefined;
  if (properties?.[key] !== undefined) return properties[key];
  const patterns = (schema.patternProperties ?? {}) as Record<string, TSchema>;
  for (const [pattern, patternSchema] of Object.entries(patterns)) if (new RegExp(pattern, 'u').test(key)) return patternSchema;
  return typeof schema.additionalProperties === 'object' ? (schema.additionalProperties as TSchema) : undefined;
}

/** `an integer, a numeric string or "max"`; a schema's own title wins. */
export function describeExpected(schema: TSchema): string {
  if (typeof schema.title === 'string') return schema.title;
  if (Array.isArray(schema.anyOf)) return joinAlternatives((schema.anyOf as TSchema[]).map(describeExpected));
  if (Array.isArray(schema.enum)) return `one of ${(schema.enum as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  if (schema.type === 'array') return 'an array';
  if (typeof schema.type === 'string') return /^[aeiou]/.test(schema.type) ? `an ${schema.type}` : `a ${schema.type}`;
  return 'a valid value';
}

function joinAlternatives(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} or ${parts.at(-1)}`;
}
