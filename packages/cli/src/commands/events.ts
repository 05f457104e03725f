import { EventsSubscribe, type EventItem } from '@svctl/protocol';
import { defineCommand } from '../command.js';
import { EXIT_OK, exitCodeFor } from '../exit-codes.js';
import { colorStatus, useColor } from '../render/colors.js';
import { describeReason } from '../render/reason.js';

interface EventsArgs {
  since?: string;
  snapshot?: boolean;
  follow?: boolean;
}

export const eventsCommand = defineCommand<EventsArgs>({
  command: 'events',
  describe: 'Stream lifecycle events: the current state of every instance, then each transition as it happens',
  example: ['svctl events --since 10m --json', 'the last 10 minutes of transitions, then live, one JSON object per line'],
  builder: (yargs) =>
    yargs
      .option('since', { type: 'string', describe: 'first replay kept transitions since a duration ago (10m, 90s) or an ISO time' })
      .option('snapshot', { type: 'boolean', default: true, describe: 'start with the current state of every instance (--no-snapshot to skip)' })
      .option('follow', { type: 'boolean', default: true, describe: 'keep streaming live transitions (--no-follow: print the backlog and exit)' }),
  run: async (args, context) => {
    const client = await context.client();
    const color = !context.json && useColor(process.stdout);
    let finish!: (code: number) => void;
    const finished = new Promise<number>((resolve) => (finish = resolve));
    const print = (item: EventItem) => {
      if (item.type === 'live') {
        if (args.follow === false) finish(EXIT_OK);
        return;
      }
      process.stdout.write(`${context.json ? JSON.stringify(item) : renderEvent(item, color)}\n`);
    };
    const subscription = await client.subscribe(
      EventsSubscribe,
      { ...(args.since === undefined ? {} : { since: args.since }), snapshot: args.snapshot !== false },
      {
        onItem: print,
        onEnd: (error) => {
          if (error !== undefined) context.notice(`event stream ended: ${error.message}`);
          finish(error === undefined ? EXIT_OK : exitCodeFor(error.code));
        },
      },
    );
    const stop = () => finish(EXIT_OK);
    const signals = ['SIGINT', 'SIGTERM'] as const;
    for (const signal of signals) process.on(signal, stop);
    process.stdout.on('error', stop); // e.g. piped into head
    try {
      return await finished;
    } finally {
      for (const signal of signals) process.off(signal, stop);
      await subscription.close().catch(() => undefined);
      client.close();
    }
  },
});

function renderEvent(item: Exclude<EventItem, { type: 'live' }>, color: boolean): string {
  const who = `${item.app}[${item.instance}]`;
  if (item.type === 'state') {
    return `${item.at}  ${who}  ${colorStatus(item.status, item.status, color)}${item.pid === null ? '' : ` (pid ${item.pid})`}  ${describeReason(item.reason, item.detail)}`;
  }
  return `${item.at}  ${who}  ${colorStatus(item.from, item.from, color)} → ${colorStatus(item.to, item.to, color)}  ${describeReason(item.reason, item.detail)}`;
}
