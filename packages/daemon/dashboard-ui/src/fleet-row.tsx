// One instance in the fleet table. Memoised: a row renders again only when its own data changed.
import type { InstanceRow } from '@svctl/protocol';
import { memo } from 'preact/compat';
import type { Act } from './actions.js';
import { formatBytes, formatCpu, formatUptime } from './format.js';
import { RowActions } from './row-actions.js';
import type { Series } from './samples-model.js';
import { Sparkline } from './sparkline.js';

function Row({ row, series, act }: { row: InstanceRow; series: Series | undefined; act: Act | undefined }) {
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
      <td>{formatUptime(uptimeOf(row))}</td>
      <td class="cpu">
        {formatCpu(row.cpu)} <Sparkline values={series?.cpu ?? []} label="cpu" />
      </td>
      <td class="memory">
        {formatBytes(row.memory)} <Sparkline values={series?.memory ?? []} label="memory" />
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

/** Counted from the start time at each render (rows render again with each sample), else the listed value. */
function uptimeOf(row: InstanceRow): number {
  return row.started_at !== null && row.status === 'online' ? Math.max(0, Date.now() - Date.parse(row.started_at)) : row.uptime_ms;
}

export const FleetRow = memo(Row);
