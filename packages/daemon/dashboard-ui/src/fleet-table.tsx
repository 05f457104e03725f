// The fleet's table: a header of sort buttons, then one group of rows per namespace. Rows are memoised
// (fleet-row.tsx); their sparklines are drawn by one SparklinePainter for the rows on screen.
import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { Act } from './actions.js';
import type { FleetView, NamespaceGroup, SortKey } from './fleet-model.js';
import { FleetRow } from './fleet-row.js';
import { formatUptime, uptimeAt } from './format.js';
import type { SeriesByInstance } from './samples-model.js';
import { SparklinePainter } from './sparkline-painter.js';

const COLUMNS: Array<{ key: SortKey; label: string }> = [
  { key: 'app', label: 'App' },
  { key: 'status', label: 'Status' },
  { key: 'restarts', label: 'Restarts' },
  { key: 'uptime_ms', label: 'Uptime' },
  { key: 'cpu', label: 'CPU' },
  { key: 'memory', label: 'Memory' },
];

interface FleetTableProps {
  groups: NamespaceGroup[];
  series: SeriesByInstance;
  view: FleetView;
  sortBy: (key: SortKey) => void;
  act: Act | undefined;
  admin: boolean;
}

export function FleetTable({ groups, series, view, sortBy, act, admin }: FleetTableProps) {
  const table = useSparklines(groups, series);
  // Uptimes are counted at each render (the page renders again with each sample pass).
  const now = Date.now();
  return (
    <table ref={table} class="fleet" aria-label="Apps and instances">
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
            <FleetRow key={`${row.app}:${row.instance}`} row={row} uptime={formatUptime(uptimeAt(row, now))} act={act} />
          ))}
        </tbody>
      ))}
    </table>
  );
}

/** The table's sparklines: rows are tracked after each render that changed them (once it is painted: the first
 * frame waits for no tracking of 500 rows), and drawn with each new series. */
function useSparklines(groups: NamespaceGroup[], series: SeriesByInstance) {
  const table = useRef<HTMLTableElement>(null);
  const painter = useMemo(() => new SparklinePainter(), []);
  useEffect(() => () => painter.dispose(), [painter]);
  useEffect(() => {
    if (table.current !== null) painter.track(table.current);
  }, [painter, groups]);
  useEffect(() => painter.update(series), [painter, series]);
  return table;
}
