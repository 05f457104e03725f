// Type test (checked by `npx tsc -p tsconfig.test.json`, which `npm test` runs; nothing here runs):
// a streaming method's item schema is the type its subscribers receive, and only streaming methods
// can be subscribed to.
import type { SvctlClient } from '../src/client.js';
import type { ItemOf } from '../src/define.js';
import { AppsList, EventsSubscribe, LogsTail, type EventItem, type LogEntry } from '../src/methods/index.js';

type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

export const logItems: Same<ItemOf<typeof LogsTail>, { entries: LogEntry[] }> = true;
export const eventItems: Same<ItemOf<typeof EventsSubscribe>, EventItem> = true;
export const noItemsForAPlainMethod: Same<ItemOf<typeof AppsList>, never> = true;

export function subscribeTyped(client: SvctlClient): void {
  void client.subscribe(LogsTail, { follow: true }, { onItem: (item) => item.entries.map((entry) => entry.msg) });
  void client.subscribe(EventsSubscribe, {}, { onItem: (item) => (item.type === 'live' ? item.at : item.app) });
  // @ts-expect-error a log item has entries, not a status
  void client.subscribe(LogsTail, {}, { onItem: (item) => item.status });
  // @ts-expect-error apps.list does not stream
  void client.subscribe(AppsList, {}, { onItem: () => undefined });
}
