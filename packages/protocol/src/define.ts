// Each RPC method is declared once: its name, params and result schemas (TypeBox, i.e. plain
// JSON Schema objects) and, for streaming methods, the schema of each streamed item.
// The TypeScript types are derived from those same schemas, so they cannot drift.
import type { Static, TObject, TSchema, TString } from '@sinclair/typebox';

export interface MethodDefinition<
  N extends string = string,
  P extends TSchema = TSchema,
  R extends TSchema = TSchema,
  I extends TSchema | undefined = TSchema | undefined,
> {
  readonly name: N;
  readonly description: string;
  readonly params: P;
  readonly result: R;
  /** Present for methods that open a subscription: the schema of each streamed item. */
  readonly item?: I;
  /** Changes nothing: a `read` token may call it, and it is not audited (roles.ts). Absent: admin only, audited. */
  readonly readOnly?: boolean;
  /** Params that reveal secrets (e.g. `show_env`): when set truthy, even a read-only method needs `admin`. */
  readonly adminParams?: readonly string[];
}

/** A method that opens a subscription: its items have a schema. */
export interface StreamingMethodDefinition<N extends string = string, P extends TSchema = TSchema, R extends TSchema = TSchema, I extends TSchema = TSchema>
  extends MethodDefinition<N, P, R, I> {
  readonly item: I;
}

/** Defines a streaming method (with an item schema). */
export function defineMethod<const N extends string, P extends TSchema, R extends TSchema, I extends TSchema>(
  definition: StreamingMethodDefinition<N, P, R, I>,
): StreamingMethodDefinition<N, P, R, I>;
/** Defines a plain request/response method. */
export function defineMethod<const N extends string, P extends TSchema, R extends TSchema>(definition: MethodDefinition<N, P, R, undefined>): MethodDefinition<N, P, R, undefined>;
export function defineMethod(definition: MethodDefinition): MethodDefinition {
  return definition;
}

/** What client.subscribe accepts: a streaming method whose result names the subscription. */
export type StreamingMethod = StreamingMethodDefinition<string, TSchema, TObject<{ subscription: TString }>>;

export type ParamsOf<M extends MethodDefinition> = Static<M['params']>;
export type ResultOf<M extends MethodDefinition> = Static<M['result']>;
/** The type of each item a streaming method sends; never for a plain method. */
export type ItemOf<M extends MethodDefinition> = M extends { readonly item: infer S extends TSchema } ? Static<S> : never;
