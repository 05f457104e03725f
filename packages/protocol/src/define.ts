// Each RPC method is declared once: its name, params and result schemas (TypeBox, i.e. plain
// JSON Schema objects) and, for streaming methods, the schema of each streamed item.
// The TypeScript types are derived from those same schemas, so they cannot drift.
import type { Static, TSchema } from '@sinclair/typebox';

export interface MethodDefinition<N extends string = string, P extends TSchema = TSchema, R extends TSchema = TSchema> {
  readonly name: N;
  readonly description: string;
  readonly params: P;
  readonly result: R;
  /** Present for methods that open a subscription: the schema of each streamed item. */
  readonly item?: TSchema;
}

export function defineMethod<const N extends string, P extends TSchema, R extends TSchema>(
  definition: MethodDefinition<N, P, R>,
): MethodDefinition<N, P, R> {
  return definition;
}

export type ParamsOf<M extends MethodDefinition> = Static<M['params']>;
export type ResultOf<M extends MethodDefinition> = Static<M['result']>;
