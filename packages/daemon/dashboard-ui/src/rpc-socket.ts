// JSON-RPC over the gateway's WebSocket (GET /ws), authenticated by the session cookie and the CSRF
// token in the query. Calls are matched to answers by id; stream items arrive as $/subscription
// notifications and go to the handler their subscription registered.
import { DaemonUnsubscribe, type ItemOf, type MethodDefinition, type ParamsOf, type ResultOf, type StreamingMethod } from '@svctl/protocol';

type Answer = { result?: unknown; error?: { message: string; data?: { name?: string } } };

export class RpcError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** The result of a JSON-RPC answer, or its error thrown with its code. */
function resultOf<M extends MethodDefinition>(answer: Answer): ResultOf<M> {
  if (answer.error !== undefined) throw new RpcError(answer.error.message, answer.error.data?.name);
  return answer.result as ResultOf<M>;
}

export class RpcSocket {
  private nextId = 1;
  private readonly pending = new Map<number, (answer: Answer) => void>();
  private readonly streams = new Map<string, (item: unknown) => void>();
  /** Items of a subscription whose answer has not been read yet. */
  private readonly early = new Map<string, unknown[]>();
  private readonly socket: WebSocket;
  readonly opened: Promise<void>;

  constructor(csrf: string, onClose: () => void) {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    this.socket = new WebSocket(`${scheme}//${location.host}/ws?csrf=${encodeURIComponent(csrf)}`);
    this.opened = new Promise((resolve, reject) => {
      this.socket.addEventListener('open', () => resolve());
      this.socket.addEventListener('error', () => reject(new Error('the live connection to the daemon failed')));
    });
    this.socket.addEventListener('close', onClose);
    this.socket.addEventListener('message', (event: MessageEvent<string>) => this.receive(event.data));
  }

  async call<M extends MethodDefinition>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
    await this.opened;
    const id = this.nextId++;
    const answer = await new Promise<Answer>((resolve) => {
      this.pending.set(id, resolve);
      this.socket.send(JSON.stringify({ jsonrpc: '2.0', id, method: method.name, params }));
    });
    return resultOf<M>(answer);
  }

  /** Starts a stream; its items go to onItem, those that came before the answer first. Returns the subscription id. */
  async subscribe<M extends StreamingMethod>(method: M, params: ParamsOf<M>, onItem: (item: ItemOf<M>) => void): Promise<string> {
    const { subscription } = await this.call(method, params);
    this.streams.set(subscription, onItem as (item: unknown) => void);
    for (const item of this.early.get(subscription) ?? []) onItem(item as ItemOf<M>);
    this.early.delete(subscription);
    return subscription;
  }

  /** Ends a stream on the daemon (a page that is left); its late items are dropped. */
  unsubscribe(subscription: string): void {
    this.streams.set(subscription, () => undefined);
    this.call(DaemonUnsubscribe, { subscription }).then(
      () => this.streams.delete(subscription),
      () => undefined,
    );
  }

  close(): void {
    this.socket.close();
  }

  private receive(text: string): void {
    const message = JSON.parse(text) as { id?: number; method?: string; params?: { subscription: string; item?: unknown } } & Answer;
    if (message.method === '$/subscription' && message.params !== undefined) {
      const { subscription, item } = message.params;
      if (item === undefined) return;
      const onItem = this.streams.get(subscription);
      if (onItem !== undefined) onItem(item);
      else this.early.set(subscription, [...(this.early.get(subscription) ?? []), item]);
      return;
    }
    if (typeof message.id === 'number') {
      this.pending.get(message.id)?.(message);
      this.pending.delete(message.id);
    }
  }
}
