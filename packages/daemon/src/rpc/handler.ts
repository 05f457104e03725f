// What a handler is: typed params in, typed result out, given the connection it serves.
import type { MethodByName, MethodDefinition, MethodName, ParamsOf, ResultOf, SerializedResult } from '@svctl/protocol';
import type { Connection } from './connection.js';

export interface RequestContext {
  connection: Connection;
  method: string;
}

/** A result may come already serialized (SerializedResult): the transports write its text as it is. */
export type Handler<M extends MethodDefinition> = (params: ParamsOf<M>, context: RequestContext) => Promise<ResultOf<M>> | ResultOf<M> | SerializedResult<ResultOf<M>>;

/** Exactly one handler per method of the protocol: a missing or an extra one fails compilation. */
export type HandlerTable = { readonly [N in MethodName]: Handler<MethodByName<N>> };
