// One JSON-RPC call over POST /rpc, with the session's cookie and CSRF token. The page sends its first
// apps.list this way while its WebSocket is still opening: the HTTP connection that loaded the page is
// already open, so the list does not wait for the WebSocket's handshake.
import type { MethodDefinition, ParamsOf, ResultOf } from '@svctl/protocol';
import { resultOf, RpcError, type Answer } from './rpc-socket.js';

export async function callOverHttp<M extends MethodDefinition>(csrf: string, method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
  const response = await fetch('/rpc', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: method.name, params }),
  });
  if (!(response.headers.get('content-type') ?? '').includes('json')) throw new RpcError(`HTTP ${response.status} from POST /rpc`, undefined);
  return resultOf<M>((await response.json()) as Answer);
}
