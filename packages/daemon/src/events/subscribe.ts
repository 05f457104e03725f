// events.subscribe: backlog (past transitions, then the current state of every instance), a `live`
// marker, then every transition as it happens. Slow subscribers are cut off by the stream itself.
import type { EventItem, EventsSubscribe, InstanceRow } from '@svctl/protocol';
import type { Handler } from '../rpc/handler.js';
import type { EventBus } from '../supervisor/event-bus.js';
import type { EventLog } from './event-log.js';
import { parseSince } from './parse-since.js';

export interface EventsSource {
  bus: EventBus;
  log: EventLog;
  /** The current rows of every instance (supervisor.list()). */
  states: () => InstanceRow[];
}

export function subscribeToEvents(source: EventsSource): Handler<typeof EventsSubscribe> {
  return (params, { connection }) => {
    const now = Date.now();
    const sinceMs = params.since === undefined ? undefined : parseSince(params.since, now);
    const sink = connection.openStream();
    const at = new Date(now).toISOString();
    // Gathered and subscribed in the same turn, so nothing falls between backlog and live.
    const backlog: EventItem[] = [
      ...(sinceMs === undefined ? [] : source.log.since(sinceMs).map((event) => ({ type: 'transition' as const, ...event }))),
      ...(params.snapshot === false ? [] : source.states().map((row) => stateItem(row, at))),
      { type: 'live', at },
    ];
    let queue: EventItem[] | null = backlog;
    const unsubscribe = source.bus.subscribe((event) => {
      const item: EventItem = { type: 'transition', ...event };
      if (queue !== null) queue.push(item);
      else if (!sink.send(item)) unsubscribe();
    });
    sink.onEnd(() => unsubscribe());
    // Items go out after the answer (which carries the subscription id the client files them under).
    setImmediate(() => {
      const pending = queue ?? [];
      queue = null;
      for (const item of pending) if (!sink.send(item)) return;
    });
    return { subscription: sink.id };
  };
}

function stateItem(row: InstanceRow, at: string): EventItem {
  return { type: 'state', at, app: row.app, instance: row.instance, status: row.status, pid: row.pid, reason: row.reason, detail: row.detail };
}
