// token.*: gateway bearer tokens (auth/token-store.ts).
import type { TokenCreate, TokenList, TokenRevoke } from '@svctl/protocol';
import type { TokenStore } from '../../auth/token-store.js';
import type { Handler } from '../handler.js';

export function tokenHandlers(store: TokenStore): {
  create: Handler<typeof TokenCreate>;
  list: Handler<typeof TokenList>;
  revoke: Handler<typeof TokenRevoke>;
} {
  return {
    create: (params) => ({ name: params.name, role: params.role, token: store.create(params.name, params.role, new Date()) }),
    list: () => ({ tokens: store.list() }),
    revoke: (params) => {
      store.revoke(params.name);
      return { revoked: params.name };
    },
  };
}
