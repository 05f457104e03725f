// One app: its spec as the daemon resolved it (secret-looking env values masked, as `svctl describe`),
// CPU and memory charts, probes and dependencies, the event timeline with reason codes (kept history,
// then live), and its logs (backlog, follow with pause, search in plain text or a regular expression,
// stdout and stderr together or apart).
import { AppsDescribe, EventsSubscribe, LogsTail, type AppDescription, type LogEntry, type TransitionEvent } from '@svctl/protocol';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { AppCharts } from './app-charts.js';
import { AppDependencies, AppProbes } from './app-probes.js';
import type { Fleet } from './fleet-model.js';
import { appendLines, searchLines, type LogQuery, type StreamChoice } from './log-view.js';
import type { RpcSocket } from './rpc-socket.js';
import type { SeriesByInstance } from './samples-model.js';

/** Lines asked of each stream for the backlog (the daemon reads them from its ring, else from the files). */
const BACKLOG_LINES = 20_000;
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
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Instance</th>
              <th scope="col">Change</th>
              <th scope="col">Reason</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
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
      <AppLogs app={app} socket={socket} />
    </main>
  );
}

function AppLogs({ app, socket }: { app: string; socket: RpcSocket }) {
  const [lines, setLines] = useState<LogEntry[]>([]);
  const [paused, setPaused] = useState<LogEntry[] | undefined>();
  const [query, setQuery] = useState<LogQuery>({ text: '', regex: false, stream: 'all' });

  useEffect(() => {
    let subscription: string | undefined;
    let left = false;
    setLines([]);
    void socket
      .subscribe(LogsTail, { target: app, lines: BACKLOG_LINES, follow: true }, (item) => setLines((current) => appendLines(current, item.entries)))
      .then((id) => (left ? socket.unsubscribe(id) : (subscription = id)));
    return () => {
      left = true;
      if (subscription !== undefined) socket.unsubscribe(subscription);
    };
  }, [app, socket]);

  // Paused: the view keeps the lines it had; new ones are counted, not shown.
  const visible = paused ?? lines;
  const result = useMemo(() => searchLines(visible, query), [visible, query]);
  return (
    <section aria-labelledby="logs-title">
      <h3 id="logs-title">Logs</h3>
      <form class="log-controls" role="search" onSubmit={(event) => event.preventDefault()}>
        <label for="log-search">Search</label>
        <input id="log-search" type="search" value={query.text} onInput={(event) => setQuery({ ...query, text: event.currentTarget.value })} />
        <label>
          <input type="checkbox" checked={query.regex} onChange={(event) => setQuery({ ...query, regex: event.currentTarget.checked })} /> Regular expression
        </label>
        <label for="log-stream">Stream</label>
        <select id="log-stream" value={query.stream} onChange={(event) => setQuery({ ...query, stream: event.currentTarget.value as StreamChoice })}>
          <option value="all">stdout and stderr</option>
          <option value="out">stdout</option>
          <option value="err">stderr</option>
        </select>
        <button type="button" aria-pressed={paused !== undefined} onClick={() => setPaused(paused === undefined ? lines : undefined)}>
          {paused === undefined ? 'Pause' : `Follow (${lines.length - paused.length} new)`}
        </button>
      </form>
      <p class="log-downloads">
        Log files of instance 0:{' '}
        <a href={`/logs/download?app=${encodeURIComponent(app)}&stream=out`} download>
          download stdout
        </a>
        ,{' '}
        <a href={`/logs/download?app=${encodeURIComponent(app)}&stream=err`} download>
          download stderr
        </a>
      </p>
      {'error' in result ? (
        <p role="alert">Not a valid regular expression: {result.error}</p>
      ) : (
        <>
          <p class="log-count" role="status">
            {result.matches} of {visible.length} lines{result.matches > result.shown.length ? ` (the newest ${result.shown.length} shown)` : ''}
          </p>
          <ol class="log-lines" aria-label={`Log lines of ${app}`} tabIndex={0}>
            {result.shown.map((line, index) => (
              <li key={index} class={`log-${line.stream}`} data-stream={line.stream}>
                <span class="log-meta">
                  [{line.instance}] {line.stream}
                </span>{' '}
                {line.msg}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
