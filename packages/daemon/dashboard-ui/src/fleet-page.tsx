// The fleet view: every instance of every app, grouped by namespace, filtered and sorted, live.
import { StateSave, STATUSES } from '@svctl/protocol';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { AppPage } from './app-page.js';
import { firstRows, rowKey, visibleGroups, type FleetView, type NamespaceGroup, type SortKey, type StatusFilter } from './fleet-model.js';
import { FleetRow } from './fleet-row.js';
import { useLiveFleet } from './live-fleet.js';
import { runAction, type Act, type ActionOutcome } from './actions.js';
import type { SessionInfo } from './session.js';

/** Rows rendered in the first frame of a fleet: more than a screen holds. The rest come in the next task. */
const FIRST_SCREEN_ROWS = 60;

const COLUMNS: Array<{ key: SortKey; label: string }> = [
  { key: 'app', label: 'App' },
  { key: 'status', label: 'Status' },
  { key: 'restarts', label: 'Restarts' },
  { key: 'uptime_ms', label: 'Uptime' },
  { key: 'cpu', label: 'CPU' },
  { key: 'memory', label: 'Memory' },
];

export function FleetPage({ session, onSignOut, onSessionLost }: { session: SessionInfo; onSignOut: () => void; onSessionLost: () => void }) {
  const { fleet, series, intervalMs, connection, socket, reconnect } = useLiveFleet(session.csrf);
  const [view, setView] = useState<FleetView>({ text: '', status: 'all', sort: 'app', descending: false });
  const [outcome, setOutcome] = useState<ActionOutcome | undefined>();
  const allGroups = useMemo(() => visibleGroups(fleet, view), [fleet, view]);
  const groups = useFirstScreenFirst(allGroups);
  const admin = session.role === 'admin';
  // One function for as long as the connection lasts: rows compare it to decide whether to render again.
  const act = useMemo<Act | undefined>(() => (admin && socket !== undefined ? (call) => runAction(socket, call).then(setOutcome) : undefined), [admin, socket]);
  const selected = useSelectedApp();
  const sortBy = (key: SortKey) => setView({ ...view, sort: key, descending: view.sort === key ? !view.descending : false });

  return (
    <div class="fleet-page">
      <header>
        <h1>svctl</h1>
        <p class="who">
          Signed in as <strong>{session.token}</strong> ({session.role})
        </p>
        <p class={`connection connection-${connection}`} role="status">
          {connection === 'live' ? 'Live' : connection === 'connecting' ? 'Connecting…' : 'Connection lost'}
        </p>
        {connection === 'lost' && (
          <button type="button" onClick={() => void fetch('/session').then((answer) => (answer.ok ? reconnect() : onSessionLost()))}>
            Reconnect
          </button>
        )}
        {act !== undefined && (
          <button type="button" onClick={() => void act({ label: 'Save', method: StateSave, params: {} })}>
            Save process list
          </button>
        )}
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      {selected !== undefined && socket !== undefined ? (
        <AppPage key={selected} app={selected} socket={socket} fleet={fleet} series={series} intervalMs={intervalMs} />
      ) : (
        <main>
          <form class="filters" role="search" onSubmit={(event) => event.preventDefault()}>
            <label for="filter-text">Filter</label>
            <input id="filter-text" type="search" value={view.text} onInput={(event) => setView({ ...view, text: event.currentTarget.value })} />
            <label for="filter-status">Status</label>
            <select id="filter-status" value={view.status} onChange={(event) => setView({ ...view, status: event.currentTarget.value as StatusFilter })}>
              <option value="all">all</option>
              {STATUSES.map((status) => (
                <option value={status}>{status}</option>
              ))}
            </select>
          </form>
          <p class="outcome" role="status" aria-live="polite">
            {outcome === undefined ? '' : outcome.text}
          </p>
          <table class="fleet" aria-label="Apps and instances">
            <thead>
              <tr>
                {COLUMNS.map((column) => (
                  <th scope="col" aria-sort={view.sort === column.key ? (view.descending ? 'descending' : 'ascending') : 'none'}>
                    <button type="button" class="sort" onClick={() => sortBy(column.key)}>
                      {column.label}
                    </button>
                  </th>
                ))}
                <th scope="col">Health</th>
                {admin && <th scope="col">Actions</th>}
              </tr>
            </thead>
            {groups.map((group) => (
              <tbody key={group.namespace} data-namespace={group.namespace}>
                <tr class="namespace">
                  <th scope="rowgroup" colSpan={admin ? 8 : 7}>
                    Namespace {group.namespace}
                  </th>
                </tr>
                {group.rows.map((row) => (
                  <FleetRow key={`${row.app}:${row.instance}`} row={row} series={series.get(rowKey(row))} act={act} />
                ))}
              </tbody>
            ))}
          </table>
          {groups.length === 0 && <p class="empty">{fleet.size === 0 ? 'No apps yet.' : 'No instance matches the filter.'}</p>}
        </main>
      )}
    </div>
  );
}

/** The app the location's hash names (`#/app/NAME`), following back and forward. */
function useSelectedApp(): string | undefined {
  const read = () => {
    const match = /^#\/app\/(.+)$/.exec(location.hash);
    return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
  };
  const [selected, setSelected] = useState(read);
  useEffect(() => {
    const onChange = () => setSelected(read());
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return selected;
}

/**
 * The groups to render: at first only the rows of the first screen, so they show at once (500 rows take
 * ~10 times longer to render and lay out), then, once that frame is painted, all of them.
 */
function useFirstScreenFirst(groups: NamespaceGroup[]): NamespaceGroup[] {
  const [whole, setWhole] = useState(false);
  const rows = groups.reduce((sum, group) => sum + group.rows.length, 0);
  const cut = !whole && rows > FIRST_SCREEN_ROWS;
  useEffect(() => {
    if (!cut) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setWhole(true))));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [cut]);
  return useMemo(() => (cut ? firstRows(groups, FIRST_SCREEN_ROWS) : groups), [cut, groups]);
}
