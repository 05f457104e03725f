// The last EVENT_BACKLOG_LIMIT transitions, for `svctl events --since 10m`. Fed by the event bus.
import { EVENT_BACKLOG_LIMIT, type TransitionEvent } from '@svctl/protocol';
import type { EventBus } from '../supervisor/event-bus.js';

export class EventLog {
  readonly #events: TransitionEvent[] = [];
  readonly #unsubscribe: () => void;

  constructor(
    bus: EventBus,
    private readonly limit = EVENT_BACKLOG_LIMIT,
  ) {
    this.#unsubscribe = bus.subscribe((event) => this.#add(event));
  }

  /** Kept events (the last `limit`) at or after `sinceMs` (epoch ms), oldest first. */
  since(sinceMs: number): TransitionEvent[] {
    // Events arrive in time order, so the kept ones are sorted: find the first one in range.
    let low = 0;
    let high = this.#events.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (Date.parse(this.#events[middle]?.at ?? '') < sinceMs) low = middle + 1;
      else high = middle;
    }
    return this.#events.slice(Math.max(low, this.#events.length - this.limit));
  }

  close(): void {
    this.#unsubscribe();
  }

  #add(event: TransitionEvent): void {
    this.#events.push(event);
    // Drop in batches: one splice per 10 % overflow instead of a shift per event.
    if (this.#events.length > this.limit + Math.ceil(this.limit / 10)) this.#events.splice(0, this.#events.length - this.limit);
  }
}
