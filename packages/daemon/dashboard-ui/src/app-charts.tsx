// The app page's CPU and memory charts: one pair per instance, over the samples the daemon keeps (the
// fleet's monitor.subscribe stream: the kept history, then one tick per sampling pass, so they are live).
import type { Fleet } from './fleet-model.js';
import { rowKey } from './fleet-model.js';
import { formatBytes, formatCpu } from './format.js';
import { HistoryChart } from './history-chart.js';
import type { SeriesByInstance } from './samples-model.js';

export function AppCharts({ app, fleet, series, intervalMs }: { app: string; fleet: Fleet; series: SeriesByInstance; intervalMs: number | undefined }) {
  const instances = [...fleet.values()].filter((row) => row.app === app).sort((a, b) => a.instance - b.instance);
  return (
    <section aria-labelledby="charts-title">
      <h3 id="charts-title">CPU and memory</h3>
      {instances.length === 0 && <p>No instance.</p>}
      {instances.map((row) => {
        const kept = series.get(rowKey(row)) ?? { cpu: [], memory: [] };
        const name = `${app}[${row.instance}]`;
        return (
          <div class="chart-pair" key={row.instance} data-instance={row.instance}>
            <HistoryChart title={`CPU of ${name}`} series="cpu" values={kept.cpu} format={formatCpu} intervalMs={intervalMs} />
            <HistoryChart title={`Memory of ${name}`} series="memory" values={kept.memory} format={formatBytes} intervalMs={intervalMs} />
          </div>
        );
      })}
    </section>
  );
}
