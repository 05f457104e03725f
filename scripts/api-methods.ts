// What the API documents say about each protocol method, derived from its one definition
// (packages/protocol/src/methods/): the role it needs, a one-line summary, and its schemas as plain JSON.
import type { TSchema } from '@sinclair/typebox';
import { ALL_METHODS, ROLES, roleAllows, type MethodDefinition, type Role } from '../packages/protocol/src/index.js';

export interface MethodFacts {
  readonly name: string;
  readonly summary: string;
  readonly description: string;
  /** The least role that may call it over the gateway (the Unix socket allows every method). */
  readonly role: Role;
  readonly adminParams: readonly string[];
  readonly params: JsonSchema;
  readonly result: JsonSchema;
  /** Streaming methods only: each item of the subscription. */
  readonly item: JsonSchema | undefined;
  /** Params for the method's example request: its required params, each a placeholder of the right type. */
  readonly example: Record<string, unknown>;
}

export type JsonSchema = Record<string, unknown>;

export function methodFacts(): MethodFacts[] {
  return ALL_METHODS.map((method: MethodDefinition) => ({
    name: method.name,
    summary: firstSentence(method.description),
    description: method.description,
    role: ROLES.find((role) => roleAllows(role, method)) ?? 'admin',
    adminParams: method.adminParams ?? [],
    params: plain(method.params),
    result: plain(method.result),
    item: method.item === undefined ? undefined : plain(method.item),
    example: exampleOf(plain(method.params), 'params') as Record<string, unknown>,
  }));
}

/** The schema as JSON (TypeBox's symbol keys dropped). */
function plain(schema: TSchema): JsonSchema {
  return JSON.parse(JSON.stringify(schema)) as JsonSchema;
}

/** A value the schema accepts, for documentation: the first choice of a choice, required keys only, a string named after its key. */
function exampleOf(schema: JsonSchema, key: string): unknown {
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (branches !== undefined) return exampleOf(branches[0]!, key);
  switch (schema.type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = (schema.required ?? []) as string[];
      return Object.fromEntries(required.map((name) => [name, exampleOf(properties[name] ?? {}, name)]));
    }
    case 'array':
      return [];
    case 'string':
      return key;
    case 'boolean':
      return false;
    default:
      return typeof schema.minimum === 'number' ? schema.minimum : 1;
  }
}

function firstSentence(text: string): string {
  const end = /\.(\s|$)/.exec(text);
  return end === null ? text : text.slice(0, end.index + 1);
}

/** What the role column says: who may call the method over the gateway. */
export function roleText(method: MethodFacts): string {
  const params = method.adminParams.map((param) => `\`${param}\``).join(', ');
  return method.adminParams.length === 0 ? method.role : `${method.role} (${params} needs admin)`;
}

/** A Markdown table of every method: its role, where the gateway serves it, and its summary (docs/api.md, openapi.json). */
export function methodTable(methods: readonly MethodFacts[]): string {
  const rows = methods.map((method) => `| \`${method.name}\` | ${roleText(method)} | ${method.item === undefined ? '`/rpc`, `/ws`' : '`/ws` (stream)'} | ${method.summary.replace(/\|/g, '\\|')} |`);
  return ['| method | role | gateway route | what it does |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
