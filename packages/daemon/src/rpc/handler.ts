// What a handler is: typed params in, typed result out, given the connection it serves.
import type { MethodByName, MethodDefinition, MethodName, ParamsOf, ResultOf } from '@svctl/protocol';
import type { Connection } from './connection.js';

export interface RequestContext {
  connection: Connection;
  method: string;
}

export type Handler<M extends MethodDefinition> = (params: ParamsOf<M>, context: RequestContext) => Promise<ResultOf<M>> | ResultOf<M>;

/** Exactly one handler per method of the protocol: a missing or an extra one fails compilation. */
export type HandlerTable = { readonly [N in MethodName]: Handler<MethodByName<N>> };
