// Type test (checked by `npx tsc -p tsconfig.test.json`, which `npm test` runs; nothing here runs):
// the handler table takes exactly one handler per method, so removing one, adding one for a method
// that does not exist, or handling one twice fails compilation. Each @ts-expect-error below fails
// the type check if the error it expects goes away.
import { AppsList, DaemonPing, LogsTail } from '@svctl/protocol';
import type { HandlerTable } from '../../src/rpc/handler.js';
import { createHandlerTable, type HandlerServices } from '../../src/rpc/handler-table.js';

declare const services: HandlerServices;
const complete: HandlerTable = createHandlerTable(services);

// A table with apps.list removed.
const { [AppsList.name]: removed, ...withoutAppsList } = complete;
// @ts-expect-error apps.list has no handler
export const missingOne: HandlerTable = withoutAppsList;

// @ts-expect-error apps.frobnicate is not a method of the protocol
export const extraOne: HandlerTable = { ...complete, 'apps.frobnicate': removed };

// @ts-expect-error daemon.ping is handled twice
export const twice: HandlerTable = { ...withoutAppsList, [AppsList.name]: removed, [DaemonPing.name]: complete[DaemonPing.name], [DaemonPing.name]: complete[DaemonPing.name] };

export const wrongResult: HandlerTable = {
  ...complete,
  // @ts-expect-error a handler must return its method's result type
  [AppsList.name]: () => ({ rows: [] }),
};

export const streamItemNotResult: HandlerTable = {
  ...complete,
  // @ts-expect-error logs.tail answers with the subscription, not with items
  [LogsTail.name]: () => ({ entries: [] }),
};
