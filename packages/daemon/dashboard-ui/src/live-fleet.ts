// Keeps the fleet live over one WebSocket: a full list, then two streams. events.subscribe (snapshot,
// then every transition) shows a status change at once; the counters it changes (restarts, pid,
// uptime) come from one list request after a burst of transitions settles. monitor.subscribe brings
// CPU and memory once per sampling pass. No polling: nothing is asked while nothing happens.
import { AppsList, EventsSubscribe, MonitorSubscribe, type EventItem, type SamplesItem } from '@svctl/protocol';
import { useEffect, useState } from 'preact/hooks';
import { applyEvent, applyList, type Fleet } from './fleet-model.js';
import { RpcSocket } from './rpc-socket.js';
import { applySamples, applyTick, type SeriesByInstance } from './samples-model.js';

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
    // Events are applied once per frame, all those that came since: the snapshot is one message per instance,
    // and a state update (a render pass) for each of 500 would hold the page up for seconds on a busy machine.
    let pending: EventItem[] = [];
    let frame: number | undefined;
    const applyPending = () => {
      const items = pending;
      pending = [];
      frame = undefined;
      setFleet((current) => items.reduce(applyEvent, current));
      if (items.some((item) => item.type === 'transition')) {
        clearTimeout(settle);
        settle = setTimeout(refresh, SETTLE_MS);
      }
      if (items.some((item) => item.type === 'live')) setConnection('live');
    };
    const onEvent = (item: EventItem) => {
      pending.push(item);
      frame ??= requestAnimationFrame(applyPending);
    };
    const onSamples = (item: SamplesItem) => {
      if (item.type === 'history') setIntervalMs(item.interval_ms);
      setSeries((current) => applySamples(current, item));
      setFleet((current) => applyTick(current, item));
    };
    // The list first, alone, so the first rows render before anything else arrives; then both streams at
    // once (neither waits for the other's answer).
    socket
      .call(AppsList, {})
      .then((answer) => {
        setFleet(applyList(new Map(), answer.instances));
        return Promise.all([socket.subscribe(MonitorSubscribe, {}, onSamples), socket.subscribe(EventsSubscribe, { snapshot: true }, onEvent)]);
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
