// The budgets all clients of the daemon share, whatever their transport (docs/configuration.md,
// rpc_max_unread_total and rpc_max_partial_total): one object, made once, given to the socket
// server and to the gateway.
import type { RpcLimits } from './limits.js';
import { PartialBudget } from './partial-budget.js';
import { TurnBudget } from './turn-budget.js';
import { UnreadTotal } from './unread-total.js';

/** Requests all socket clients may start per turn of the event loop (turn-budget.ts); measured in bench/HISTORY.md. */
const REQUESTS_PER_TURN = 8;

export interface SharedBudget {
  /** Requests all socket clients may start in this turn of the event loop. */
  readonly turn: TurnBudget;
  /** Bytes of unfinished requests (socket frames, HTTP bodies, WebSocket messages) held for all clients. */
  readonly partial: PartialBudget;
  /** Bytes written to all clients that they have not read yet. */
  readonly unread: UnreadTotal;
}

export function sharedBudgetOf(limits: RpcLimits): SharedBudget {
  return {
    turn: new TurnBudget(REQUESTS_PER_TURN),
    partial: new PartialBudget(limits.maxPartialTotalBytes),
    unread: new UnreadTotal(limits.maxUnreadTotalBytes),
  };
}
