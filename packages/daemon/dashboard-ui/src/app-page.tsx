// One app: its spec as the daemon resolved it (secret-looking env values masked, as `svctl describe`),
// CPU and memory charts, probes and dependencies, the event timeline with reason codes (kept history,
// then live), and its logs (app-logs.tsx).
import { AppsDescribe, EventsSubscribe, type AppDescription, type TransitionEvent } from '@svctl/protocol';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { AppCharts } from './app-charts.js';
import { AppLogs } from './app-logs.js';
import { AppDependencies, AppProbes } from './app-probes.js';
import type { Fleet } from './fleet-model.js';
import type { RpcSocket } from './rpc-socket.js';
import type { SeriesByInstance } from './samples-model.js';
import { TableHead } from './table-head.js';

/** Quiet time after the app's last transition before it is described again. */
const DESCRIBE_SETTLE_MS = 300;

export interface AppPageProps {
  app: string;
  socket: RpcSocket;
  /** The live fleet and its samples (kept by the fleet page's streams). */
  fleet: Fleet;
  series: SeriesByInstance;
  intervalMs: number | undefined;
}

export function AppPage({ app, socket, fleet, series, intervalMs }: AppPageProps) {
  const [description, setDescription] = useState<AppDescription | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [events, setEvents] = useState<TransitionEvent[]>([]);

  // Described again after each transition of the app settles: its checks and runtime state change with them.
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    socket.call(AppsDescribe, { target: app }).then(
      (answer) => {
        const found = answer.apps.find((one) => one.app === app);
        setDescription(found);
        if (generation === 0) setEvents(found?.instances.flatMap((instance) => instance.history) ?? []);
      },
      (failure: Error) => setError(failure.message),
    );
  }, [app, socket, generation]);

  useEffect(() => {
    let subscription: string | undefined;
    let left = false;
    let settle: ReturnType<typeof setTimeout> | undefined;
    void socket
      .subscribe(EventsSubscribe, { snapshot: false }, (item) => {
        if (item.type !== 'transition' || item.app !== app) return;
        setEvents((current) => [...current, item]);
        clearTimeout(settle);
        settle = setTimeout(() => setGeneration((n) => n + 1), DESCRIBE_SETTLE_MS);
      })
      .then((id) => (left ? socket.unsubscribe(id) : (subscription = id)));
    return () => {
      left = true;
      clearTimeout(settle);
      if (subscription !== undefined) socket.unsubscribe(subscription);
    };
  }, [app, socket]);

  const timeline = useMemo(() => [...events].sort((a, b) => b.at.localeCompare(a.at)).slice(0, 200), [events]);

  return (
    <main class="app-page">
      <p>
        <a href="#/">← Fleet</a>
      </p>
      <h2>{app}</h2>
      {error !== undefined && <p role="alert">{error}</p>}
      <section aria-labelledby="spec-title">
        <h3 id="spec-title">Spec</h3>
        {description === undefined ? <p>Loading…</p> : <pre class="spec" tabIndex={0} aria-label={`Spec of ${app}`}>{JSON.stringify(description.spec, null, 2)}</pre>}
      </section>
      {description !== undefined && (
        <>
          <AppProbes description={description} />
          <AppDependencies description={description} fleet={fleet} />
        </>
      )}
      <AppCharts app={app} fleet={fleet} series={series} intervalMs={intervalMs} />
      <section aria-labelledby="events-title">
        <h3 id="events-title">Events</h3>
        <table class="events" aria-labelledby="events-title">
          <TableHead columns={['Time', 'Instance', 'Change', 'Reason', 'Detail']} />
          <tbody>
            {timeline.map((event) => (
              <tr key={`${event.at}-${event.instance}-${event.to}`}>
                <td>{event.at}</td>
                <td>{event.instance}</td>
                <td>
                  {event.from} → {event.to}
                </td>
                <td>
                  <code>{event.reason}</code>
                </td>
                <td>{event.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <AppLogs app={app} socket={socket} instances={[...fleet.values()].filter((row) => row.app === app).map((row) => row.instance)} />
    </main>
  );
}
