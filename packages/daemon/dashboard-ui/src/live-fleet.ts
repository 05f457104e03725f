// Keeps the fleet live: a full list (the first over HTTP), then two streams over one WebSocket.
// events.subscribe (snapshot, then every transition) shows a status change at once; the counters it
// changes (restarts, pid, uptime) come from one list request after a burst of transitions settles.
// monitor.subscribe brings CPU and memory once per sampling pass. No polling: nothing is asked while
// nothing happens.
import { AppsList, EventsSubscribe, MonitorSubscribe, type EventItem, type SamplesItem } from '@svctl/protocol';
import { useEffect, useState } from 'preact/hooks';
import { applyEvent, applyList, type Fleet } from './fleet-model.js';
import { afterNextPaint } from './next-paint.js';
import { fleetList } from './fleet-list.js';
import { RpcSocket } from './rpc-socket.js';
import { applySamples, applyTick, queueSamples, type SeriesByInstance } from './samples-model.js';

const SETTLE_MS = 200;

export type Connection = 'connecting' | 'live' | 'lost';

export interface LiveFleet {
  fleet: Fleet;
  series: SeriesByInstance;
  /** The sampling interval (monitor_interval), from the stream's first item. */
  intervalMs: number | undefined;
  connection: Connection;
  socket: RpcSocket | undefined;
  reconnect: () => void;
}

export function useLiveFleet(csrf: string): LiveFleet {
  const [fleet, setFleet] = useState<Fleet>(new Map());
  const [series, setSeries] = useState<SeriesByInstance>(new Map());
  const [intervalMs, setIntervalMs] = useState<number | undefined>();
  const [connection, setConnection] = useState<Connection>('connecting');
  const [attempt, setAttempt] = useState(0);
  const [socket, setSocket] = useState<RpcSocket | undefined>();

  useEffect(() => {
    let closed = false;
    let settle: ReturnType<typeof setTimeout> | undefined;
    const socket = new RpcSocket(csrf, () => {
      if (!closed) setConnection('lost');
    });
    setSocket(socket);
    const refresh = () => {
      socket.call(AppsList, {}).then((answer) => setFleet((current) => applyList(current, answer.instances)), () => undefined);
    };
    // Stream items are applied once per frame, all those that came since: the snapshot is one message per
    // instance, and a state update (a render pass) for each of 500 would hold the page up for seconds on a
    // busy machine; samples wait for the frame too, so a burst costs one pass, and a hidden tab none.
    let events: EventItem[] = [];
    let samples: SamplesItem[] = [];
    let frame: number | undefined;
    const applyPending = () => {
      frame = undefined;
      const items = events;
      const sampled = samples;
      events = [];
      samples = [];
      if (items.length > 0) setFleet((current) => items.reduce(applyEvent, current));
      if (items.some((item) => item.type === 'transition')) {
        clearTimeout(settle);
        settle = setTimeout(refresh, SETTLE_MS);
      }
      if (items.some((item) => item.type === 'live')) setConnection('live');
      if (sampled.length === 0) return;
      for (const item of sampled) if (item.type === 'history') setIntervalMs(item.interval_ms);
      setSeries((current) => sampled.reduce(applySamples, current));
      setFleet((current) => sampled.reduce(applyTick, current));
    };
    const onEvent = (item: EventItem) => {
      events.push(item);
      frame ??= requestAnimationFrame(applyPending);
    };
    const onSamples = (item: SamplesItem) => {
      samples = queueSamples(samples, item);
      frame ??= requestAnimationFrame(applyPending);
    };
    // The list first, alone, over HTTP (GET /fleet, preloaded by the page's HTML) while the WebSocket opens,
    // and rendered: the whole fleet in one pass.
    // The streams are asked for once that frame is painted (their items, 500 snapshot events and the
    // sample history, would otherwise compete with it), both at once; the snapshot covers any
    // transition in between.
    fleetList()
      .then(async (answer) => {
        setFleet(applyList(new Map(), answer.instances));
        await afterNextPaint();
        if (!closed) await Promise.all([socket.subscribe(MonitorSubscribe, {}, onSamples), socket.subscribe(EventsSubscribe, { snapshot: true }, onEvent)]);
      })
      .catch(() => setConnection('lost'));
    return () => {
      closed = true;
      clearTimeout(settle);
      if (frame !== undefined) cancelAnimationFrame(frame);
      socket.close();
    };
  }, [csrf, attempt]);

  return {
    fleet,
    series,
    intervalMs,
    connection,
    socket,
    reconnect: () => {
      setConnection('connecting');
      setAttempt((n) => n + 1);
    },
  };
}
