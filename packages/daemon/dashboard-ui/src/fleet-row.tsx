// One instance in the fleet table. Memoised: a row renders again only when its own data changed (its
// sparklines are drawn apart, by SparklinePainter, so a sample tick alone renders no row again). Lean on
// purpose (docs/dashboard.md "First render"): 500 rows are laid out at once, so every row is as few
// elements as it can be, and nothing in it is an inline-block; the sparklines' slots are added by the
// painter when a row first comes on screen.
import type { InstanceRow } from '@svctl/protocol';
import { memo } from 'preact/compat';
import type { Act } from './actions.js';
import { formatBytes, formatCpu } from './format.js';
import { RowActions } from './row-actions.js';

/** `uptime` comes formatted from the page, which counts it at each render: the row renders again when its text changes. */
function Row({ row, uptime, act }: { row: InstanceRow; uptime: string; act: Act | undefined }) {
  return (
    <tr data-app={row.app} data-instance={row.instance} data-status={row.status}>
      <th scope="row">
        <a href={`#/app/${encodeURIComponent(row.app)}`}>{row.app}</a>
        {` [${row.instance}]`}
      </th>
      <td>
        <span class={`status status-${row.status}`} title={row.detail}>
          {row.status}
        </span>
      </td>
      <td class="restarts">{row.restarts}</td>
      <td>{uptime}</td>
      <td class="cpu">{formatCpu(row.cpu)}</td>
      <td class="memory">{formatBytes(row.memory)}</td>
      <td>{row.health ?? '–'}</td>
      {act !== undefined && (
        <td>
          <RowActions app={row.app} act={act} />
        </td>
      )}
    </tr>
  );
}

export const FleetRow = memo(Row);
