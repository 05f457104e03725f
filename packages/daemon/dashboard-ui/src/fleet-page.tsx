// The fleet view: every instance of every app, grouped by namespace, filtered and sorted, live.
import { StateSave, STATUSES } from '@svctl/protocol';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { AppPage } from './app-page.js';
import { visibleGroups, type FleetView, type SortKey, type StatusFilter } from './fleet-model.js';
import { FleetTable } from './fleet-table.js';
import { useLiveFleet } from './live-fleet.js';
import { runAction, type Act, type ActionOutcome } from './actions.js';
import type { SessionInfo } from './session.js';

export function FleetPage({ session, onSignOut, onSessionLost }: { session: SessionInfo; onSignOut: () => void; onSessionLost: () => void }) {
  const { fleet, series, intervalMs, connection, socket, reconnect } = useLiveFleet(session.csrf);
  const [view, setView] = useState<FleetView>({ text: '', status: 'all', sort: 'app', descending: false });
  const [outcome, setOutcome] = useState<ActionOutcome | undefined>();
  const groups = useMemo(() => visibleGroups(fleet, view), [fleet, view]);
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
          <FleetTable groups={groups} series={series} view={view} sortBy={sortBy} act={act} admin={admin} />
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
