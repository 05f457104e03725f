// Fans transition events out to subscribers (the daemon log now; streams to clients later).
import type { TransitionEvent } from '@svctl/protocol';

export type EventListener = (event: TransitionEvent) => void;

export class EventBus {
  private readonly listeners = new Set<EventListener>();

  publish(event: TransitionEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
