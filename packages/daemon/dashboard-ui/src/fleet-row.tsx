// One instance in the fleet table. Memoised: a row renders again only when its own data changed (its
// sparklines are drawn apart, by SparklinePainter, so a sample tick alone renders no row again).
import type { InstanceRow } from '@svctl/protocol';
import { memo } from 'preact/compat';
import type { Act } from './actions.js';
import { formatBytes, formatCpu } from './format.js';
import { RowActions } from './row-actions.js';
import { Sparkline } from './sparkline.js';

/** `uptime` comes formatted from the page, which counts it at each render: the row renders again when its text changes. */
function Row({ row, uptime, act }: { row: InstanceRow; uptime: string; act: Act | undefined }) {
  return (
    <tr data-app={row.app} data-instance={row.instance} data-status={row.status}>
      <th scope="row">
        <a href={`#/app/${encodeURIComponent(row.app)}`}>{row.app}</a>
        <span class="instance">[{row.instance}]</span>
      </th>
      <td>
        <span class={`status status-${row.status}`} title={row.detail}>
          {row.status}
        </span>
      </td>
      <td class="restarts">{row.restarts}</td>
      <td>{uptime}</td>
      <td class="cpu">
        {formatCpu(row.cpu)} <Sparkline series="cpu" />
      </td>
      <td class="memory">
        {formatBytes(row.memory)} <Sparkline series="memory" />
      </td>
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
