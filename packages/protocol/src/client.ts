// The public typed client: what the CLI uses, and what Node programs use to drive svctl.
import os from 'node:os';
import type { ItemOf, MethodDefinition, ParamsOf, ResultOf, StreamingMethod } from './define.js';
import { fromWireError, isSvctlError, SvctlError } from './errors.js';
import { isObject, SUBSCRIPTION_NOTIFICATION, type RequestId, type SubscriptionParams } from './jsonrpc.js';
import { DaemonHello, DaemonUnsubscribe } from './methods/daemon.js';
import { socketPath as socketPathOf } from './settings/paths.js';
import { connectUnixSocket, type ClientTransport } from './transport.js';
import { majorOf, PROTOCOL_VERSION, SVCTL_VERSION } from './version.js';

export interface ConnectOptions {
  /** The daemon's socket; defaults to `$SVCTL_HOME/daemon.sock` (home defaults to ~/.svctl). */
  socketPath?: string;
  home?: string;
  /** Per-request timeout in ms (default 60 s). */
  timeoutMs?: number;
  clientName?: string;
  clientVersion?: string;
  /** Another transport than the Unix socket, e.g. connectWebSocket (ws-transport.ts) for a remote gateway. */
  transport?: () => Promise<ClientTransport>;
}

export interface CallOptions {
  /** This request's timeout in ms, instead of the connection's. */
  timeoutMs?: number;
}

export interface StreamHandlers<Item> {
  onItem: (item: Item) => void;
  /** Called once when the stream ends: by the daemon (with the reason), by close(), or by a lost connection. */
  onEnd?: (error?: SvctlError) => void;
}

export interface Subscription<Result> {
  result: Result;
  id: string;
  close(): Promise<void>;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: SvctlError) => void;
  timer: NodeJS.Timeout;
  method: string;
  stream?: StreamHandlers<unknown>;
}

export type ServerInfo = ResultOf<typeof DaemonHello>;

export class SvctlClient {
  private nextId = 1;
  private readonly pending = new Map<RequestId, Pending>();
  private readonly streams = new Map<string, StreamHandlers<unknown>>();
  private closed = false;
  server: ServerInfo | undefined;

  private constructor(
    private readonly transport: ClientTransport,
    private readonly timeoutMs: number,
  ) {
    transport.onMessage((message) => this.receive(message));
    transport.onClose((error) => this.fail(error));
  }

  /** Connects and performs the version handshake. Rejects with DAEMON_UNREACHABLE or PROTOCOL_MISMATCH. */
  static async connect(options: ConnectOptions = {}): Promise<SvctlClient> {
    const timeoutMs = options.timeoutMs ?? 60_000;
    const home = options.home ?? process.env.SVCTL_HOME ?? `${os.homedir()}/.svctl`;
    const transport = options.transport === undefined ? await connectUnixSocket(options.socketPath ?? socketPathOf(home), Math.min(timeoutMs, 5_000)) : await options.transport();
    const client = new SvctlClient(transport, timeoutMs);
    try {
      client.server = await client.call(DaemonHello, {
        protocol_version: PROTOCOL_VERSION,
        client: { name: options.clientName ?? 'svctl-client', version: options.clientVersion ?? SVCTL_VERSION },
      });
    } catch (error) {
      client.close();
      throw error;
    }
    // Guards against a daemon that answered hello without checking (older or foreign).
    if (majorOf(client.server.protocol_version) !== majorOf(PROTOCOL_VERSION)) {
      client.close();
      throw mismatch(
        { version: client.server.daemon_version, protocol: client.server.protocol_version },
        { version: `svctl ${SVCTL_VERSION}`, protocol: PROTOCOL_VERSION },
      );
    }
    return client;
  }

  call<M extends MethodDefinition>(method: M, params: ParamsOf<M>, options: CallOptions = {}): Promise<ResultOf<M>> {
    return this.request(method.name, params, undefined, options.timeoutMs) as Promise<ResultOf<M>>;
  }

  /** Calls a streaming method; items, typed by the method's item schema, arrive through handlers until the stream ends. */
  async subscribe<M extends StreamingMethod>(
    method: M,
    params: ParamsOf<M>,
    handlers: StreamHandlers<ItemOf<M>>,
  ): Promise<Subscription<ResultOf<M>>> {
    const result = (await this.request(method.name, params, handlers as StreamHandlers<unknown>)) as ResultOf<M>;
    const id = result.subscription;
    return {
      result,
      id,
      close: async () => {
        if (!this.streams.has(id)) return;
        this.streams.delete(id);
        handlers.onEnd?.();
        if (!this.closed) await this.call(DaemonUnsubscribe, { subscription: id });
      },
    };
  }

  close(): void {
    if (this.closed) return;
    this.transport.close();
    this.fail();
  }

  private request(method: string, params: unknown, stream?: StreamHandlers<unknown>, timeoutMs = this.timeoutMs): Promise<unknown> {
    if (this.closed) return Promise.reject(new SvctlError('CONNECTION_CLOSED', 'the connection to the daemon is closed'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new SvctlError('TIMEOUT', `the daemon did not answer ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer, method, ...(stream === undefined ? {} : { stream }) });
      this.transport.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  private receive(message: unknown): void {
    if (!isObject(message)) return;
    if (message.method === SUBSCRIPTION_NOTIFICATION) {
      this.deliver(message.params as SubscriptionParams);
      return;
    }
    // An error that answers no request (id null) is about the connection itself (refused, cut off): every caller gets it.
    if (message.id === null && isObject(message.error)) {
      this.fail(fromWireError(message.error as never));
      return;
    }
    const id = message.id as RequestId;
    const pending = this.pending.get(id);
    if (pending === undefined) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    if (isObject(message.error)) {
      pending.reject(fromWireError(message.error as never));
      return;
    }
    // Registered before resolving, so items sent right after the answer are not missed.
    const subscription = isObject(message.result) ? message.result.subscription : undefined;
    if (pending.stream !== undefined && typeof subscription === 'string') this.streams.set(subscription, pending.stream);
    pending.resolve(message.result);
  }

  private deliver(params: SubscriptionParams): void {
    const handlers = this.streams.get(params.subscription);
    if (handlers === undefined) return;
    if (params.item !== undefined) handlers.onItem(params.item);
    if (params.end === true) {
      this.streams.delete(params.subscription);
      handlers.onEnd?.(params.error === undefined ? undefined : fromWireError(params.error));
    }
  }

  private fail(error?: Error): void {
    const wasClosed = this.closed;
    this.closed = true;
    const reason = isSvctlError(error) ? error : new SvctlError('CONNECTION_CLOSED', `the connection to the daemon closed${error ? `: ${error.message}` : ''}`);
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(reason);
    }
    this.pending.clear();
    for (const handlers of this.streams.values()) handlers.onEnd?.(wasClosed ? undefined : reason);
    this.streams.clear();
  }
}

export interface PeerVersions {
  version: string;
  protocol: string;
}

export function mismatch(daemon: PeerVersions, client: PeerVersions): SvctlError {
  return new SvctlError(
    'PROTOCOL_MISMATCH',
    `the running daemon (svctld ${daemon.version}, protocol ${daemon.protocol}) is not compatible with this client (${client.version}, protocol ${client.protocol})`,
    { hint: 'restart the daemon with this version: svctl daemon restart (your apps are stopped and started again)' },
  );
}
