// Keeps the fleet live over one WebSocket: a full list, then the events stream (snapshot, then every
// transition). A transition shows at once; the counters it changes (restarts, pid, uptime) come from
// one list request after a burst of transitions settles. No polling: nothing is asked while nothing happens.
import { AppsList, EventsSubscribe, type EventItem } from '@svctl/protocol';
import { useEffect, useState } from 'preact/hooks';
import { applyEvent, applyList, type Fleet } from './fleet-model.js';
import { RpcSocket } from './rpc-socket.js';

const SETTLE_MS = 200;

export type Connection = 'connecting' | 'live' | 'lost';

export function useLiveFleet(csrf: string): { fleet: Fleet; connection: Connection; socket: RpcSocket | undefined; reconnect: () => void } {
  const [fleet, setFleet] = useState<Fleet>(new Map());
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
    const onEvent = (item: EventItem) => {
      setFleet((current) => applyEvent(current, item));
      if (item.type === 'transition') {
        clearTimeout(settle);
        settle = setTimeout(refresh, SETTLE_MS);
      }
      if (item.type === 'live') setConnection('live');
    };
    socket
      .call(AppsList, {})
      .then((answer) => {
        setFleet(applyList(new Map(), answer.instances));
        return socket.subscribe(EventsSubscribe, { snapshot: true }, onEvent);
      })
      .catch(() => setConnection('lost'));
    return () => {
      closed = true;
      clearTimeout(settle);
      socket.close();
    };
  }, [csrf, attempt]);

  return {
    fleet,
    connection,
    socket,
    reconnect: () => {
      setConnection('connecting');
      setAttempt((n) => n + 1);
    },
  };
}
