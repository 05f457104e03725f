// One instance in the fleet table. Memoised: a row renders again only when its own data changed.
import type { InstanceRow } from '@svctl/protocol';
import { memo } from 'preact/compat';
import type { Act } from './actions.js';
import { formatBytes, formatCpu, formatUptime } from './format.js';
import { RowActions } from './row-actions.js';

function Row({ row, act }: { row: InstanceRow; act: Act | undefined }) {
  return (
    <tr data-app={row.app} data-instance={row.instance} data-status={row.status}>
      <th scope="row">
        {row.app}
        <span class="instance">[{row.instance}]</span>
      </th>
      <td>
        <span class={`status status-${row.status}`} title={row.detail}>
          {row.status}
        </span>
      </td>
      <td class="restarts">{row.restarts}</td>
      <td>{formatUptime(row.uptime_ms)}</td>
      <td>{formatCpu(row.cpu)}</td>
      <td>{formatBytes(row.memory)}</td>
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
