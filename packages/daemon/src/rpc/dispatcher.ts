// Transport-independent JSON-RPC dispatch: envelope checks → params validation → handler → response.
import {
  ALL_METHODS,
  describeIssues,
  isObject,
  isSvctlError,
  MAX_PARAMS_DEPTH,
  nestsDeeperThan,
  isMutating,
  paramsValidator,
  roleAllows,
  SvctlError,
  toWireError,
  type MethodDefinition,
  type RequestId,
  type ResponseMessage,
  type Validator,
} from '@svctl/protocol';
import type { Logger } from 'pino';
import { audit } from './audit.js';
import type { Connection, Peer } from './connection.js';
import type { HandlerTable, RequestContext } from './handler.js';
import { monotonicMs } from '../os/monotonic-clock.js';

interface Registered {
  definition: MethodDefinition;
  handle: (params: unknown, context: RequestContext) => Promise<unknown> | unknown;
  validate: Validator;
}

/** Told of every answered request (the gateway's metrics); `method` is `unknown` for names the protocol lacks. */
export type RequestObserver = (method: string, transport: Peer['transport'], outcome: string, seconds: number) => void;

export class Dispatcher {
  private readonly methods = new Map<string, Registered>();
  private refusing = false;

  /** Serves every method of the protocol with its handler from the table (handler-table.ts). */
  constructor(
    handlers: HandlerTable,
    private readonly logger: Logger,
    private readonly observe?: RequestObserver,
  ) {
    for (const method of ALL_METHODS) {
      // The table's type pairs each name with its handler; the map erases it, params are validated first.
      this.methods.set(method.name, { definition: method, handle: handlers[method.name] as Registered['handle'], validate: paramsValidator(method.name) });
    }
  }

  /** From now on every request gets SHUTTING_DOWN (the daemon is stopping its apps). */
  refuseNewWork(): void {
    this.refusing = true;
  }

  async dispatch(message: unknown, connection: Connection): Promise<ResponseMessage | undefined> {
    if (this.observe === undefined) return this.answer(message, connection);
    const started = monotonicMs();
    const response = await this.answer(message, connection);
    const method = isObject(message) && typeof message.method === 'string' && this.methods.has(message.method) ? message.method : 'unknown';
    const outcome = response === undefined || 'result' in response ? 'ok' : (response.error.data?.name ?? 'error');
    this.observe(method, connection.peer.transport, outcome, (monotonicMs() - started) / 1000);
    return response;
  }

  private async answer(message: unknown, connection: Connection): Promise<ResponseMessage | undefined> {
    if (!isObject(message)) return errorResponse(null, new SvctlError('INVALID_REQUEST', 'a request must be a JSON object'));
    // A notification (no "id" member) runs like a request; its answer, id null, is dropped by the caller.
    const id = 'id' in message ? validId(message.id) : null;
    if (message.jsonrpc !== '2.0' || typeof message.method !== 'string' || id === undefined) {
      return errorResponse(id ?? null, new SvctlError('INVALID_REQUEST', 'a request needs "jsonrpc": "2.0", a string "method" and a number or string "id"'));
    }
    const method = message.method;
    if (this.refusing) return errorResponse(id, new SvctlError('SHUTTING_DOWN', `the daemon is shutting down; ${method} was not run`));
    const registered = this.methods.get(method);
    if (registered === undefined) return errorResponse(id, new SvctlError('METHOD_NOT_FOUND', `unknown method ${method}`));
    const params = message.params ?? {};
    if (!isMutating(registered.definition)) return this.run(registered, id, params, connection);
    const response = await this.run(registered, id, params, connection);
    audit(this.logger, connection.peer, method, params, response);
    return response;
  }

  /** Authorization (gateway tokens) → params validation → handler. */
  private async run(registered: Registered, id: RequestId | null, params: unknown, connection: Connection): Promise<ResponseMessage | undefined> {
    const method = registered.definition.name;
    const token = connection.peer.token;
    if (token !== undefined && !roleAllows(token.role, registered.definition, params)) {
      return errorResponse(id, new SvctlError('FORBIDDEN', `token ${token.name} (role ${token.role}) may not call ${method}${registered.definition.readOnly === true ? ' with these params (they reveal secrets)' : ''}: it needs role admin`));
    }
    if (nestsDeeperThan(params, MAX_PARAMS_DEPTH)) {
      return errorResponse(id, new SvctlError('INVALID_PARAMS', `invalid params for ${method}: nested deeper than ${MAX_PARAMS_DEPTH} levels`));
    }
    const issues = registered.validate(params);
    if (issues.length > 0) {
      return errorResponse(id, new SvctlError('INVALID_PARAMS', `invalid params for ${method}: ${describeIssues(issues)}`, { details: issues }));
    }
    try {
      const result = await registered.handle(params, { connection, method });
      return id === null ? undefined : { jsonrpc: '2.0', id, result };
    } catch (error) {
      if (isSvctlError(error)) return errorResponse(id, error);
      this.logger.error({ err: error, method }, 'handler failed');
      return errorResponse(id, new SvctlError('INTERNAL', `internal error in ${method}: ${(error as Error)?.message ?? String(error)}`));
    }
  }
}

function validId(id: unknown): RequestId | undefined {
  return typeof id === 'number' || typeof id === 'string' ? id : undefined;
}

export function errorResponse(id: RequestId | null, error: SvctlError): ResponseMessage {
  return { jsonrpc: '2.0', id, error: toWireError(error) };
}

