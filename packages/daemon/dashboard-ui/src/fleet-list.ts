// The fleet's first list, over GET /fleet (apps.list's result). The page's HTML asks for it itself
// (`<link rel="preload" as="fetch">`), so it is on its way while the script loads, and this request takes
// that answer. A preload made before sign-in answered 401 (no session yet): then the list is asked again.
import type { AppsList, ResultOf } from '@svctl/protocol';
import { RpcError } from './rpc-socket.js';

export async function fleetList(): Promise<ResultOf<typeof AppsList>> {
  let response = await fetch('/fleet', { credentials: 'same-origin' });
  if (response.status === 401) response = await fetch('/fleet', { credentials: 'same-origin' });
  if (!response.ok) throw new RpcError(`HTTP ${response.status} from GET /fleet`, undefined);
  return (await response.json()) as ResultOf<typeof AppsList>;
}
