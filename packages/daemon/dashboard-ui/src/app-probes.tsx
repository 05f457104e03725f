// The app page's probes and dependencies, from apps.describe: each readiness/liveness check of each
// instance (what it checks, how often, its state and last result) and each depends_on entry with the
// dependency's live status and health from the fleet.
import type { AppDescription, CheckState, ProbeSpec } from '@svctl/protocol';
import type { Fleet } from './fleet-model.js';
import { TableHead } from './table-head.js';

export function AppProbes({ description }: { description: AppDescription }) {
  const rows = description.instances.flatMap((instance) => (instance.checks ?? []).map((check) => ({ instance: instance.instance, check })));
  return (
    <section aria-labelledby="probes-title">
      <h3 id="probes-title">Probes</h3>
      {rows.length === 0 ? (
        <p>No readiness check or probe.</p>
      ) : (
        <table class="probes" aria-labelledby="probes-title">
          <TableHead columns={['Instance', 'Kind', 'Check', 'Every', 'State', 'Last result', 'Checked at']} />
          <tbody>
            {rows.map(({ instance, check }) => (
              <tr key={`${instance}-${check.kind}`} data-kind={check.kind}>
                <td>{instance}</td>
                <td>{check.kind}</td>
                <td>
                  <code>{check.check}</code>
                </td>
                <td>{periodOf(description, check)}</td>
                <td class={`check-${check.state}`}>{check.state}</td>
                <td>{check.last_result ?? '–'}</td>
                <td>{check.last_checked_at ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function AppDependencies({ description, fleet }: { description: AppDescription; fleet: Fleet }) {
  const dependencies = Object.entries(description.spec.depends_on ?? {});
  return (
    <section aria-labelledby="dependencies-title">
      <h3 id="dependencies-title">Dependencies</h3>
      {dependencies.length === 0 ? (
        <p>No depends_on.</p>
      ) : (
        <table class="dependencies" aria-labelledby="dependencies-title">
          <TableHead columns={['App', 'Condition', 'Status', 'Health']} />
          <tbody>
            {dependencies.map(([name, condition]) => {
              const instances = [...fleet.values()].filter((row) => row.app === name);
              return (
                <tr key={name} data-dependency={name}>
                  <th scope="row">
                    <a href={`#/app/${encodeURIComponent(name)}`}>{name}</a>
                  </th>
                  <td>{condition}</td>
                  <td class="dependency-status">{instances.length === 0 ? 'not loaded' : countsOf(instances.map((row) => row.status))}</td>
                  <td class="dependency-health">{countsOf(instances.map((row) => row.health ?? '–'))}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** "online" for one value, "online ×2, stopped ×1" for several. */
function countsOf(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  if (counts.size === 1 && values.length === 1) return values[0] ?? '';
  return [...counts].map(([value, count]) => `${value} ×${count}`).join(', ');
}

/** A probe's period from the resolved spec; a ready_log_line or ready message has none. */
function periodOf(description: AppDescription, check: CheckState): string {
  const probe: ProbeSpec | undefined = check.kind === 'readiness' ? description.spec.readiness_probe : description.spec.liveness_probe;
  if (probe === undefined) return '–';
  return probe.period >= 1000 && probe.period % 1000 === 0 ? `${probe.period / 1000} s` : `${probe.period} ms`;
}
