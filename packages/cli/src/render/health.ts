// The health, dependency and trigger lines of `svctl describe`.
import type { AppSpec, CheckState, ProbeSpec } from '@svctl/protocol';

export function renderHealthSpec(spec: AppSpec): string[] {
  const lines: string[] = [];
  const readiness = [
    spec.wait_ready === true ? `wait_ready (listen_timeout ${spec.listen_timeout ?? 'default'})` : '',
    spec.ready_log_line === undefined ? '' : `ready_log_line ${JSON.stringify(spec.ready_log_line)}`,
    spec.readiness_probe === undefined ? '' : `readiness ${renderProbe(spec.readiness_probe)}`,
    spec.liveness_probe === undefined ? '' : `liveness ${renderProbe(spec.liveness_probe)}`,
  ].filter((part) => part !== '');
  if (readiness.length > 0) lines.push(`  health       ${readiness.join('; ')}`);
  const dependencies = Object.entries(spec.depends_on ?? {});
  if (dependencies.length > 0) lines.push(`  depends_on   ${dependencies.map(([name, condition]) => `${name} (${condition})`).join(', ')}`);
  const triggers = [
    spec.watch === undefined || spec.watch === false ? '' : `watch ${spec.watch === true ? spec.cwd : spec.watch.join(', ')}${spec.ignore_watch === undefined ? '' : ` (ignoring ${spec.ignore_watch.join(', ')})`}`,
    spec.cron_restart === undefined ? '' : `cron_restart ${spec.cron_restart}`,
  ].filter((part) => part !== '');
  if (triggers.length > 0) lines.push(`  triggers     ${triggers.join('; ')}`);
  return lines;
}

function renderProbe(probe: ProbeSpec): string {
  const check = probe.http_get !== undefined ? `GET ${probe.http_get.url}` : probe.tcp_socket !== undefined ? `tcp ${probe.tcp_socket.host}:${probe.tcp_socket.port}` : `exec ${probe.exec?.command ?? ''}`;
  return `${check} every ${probe.period}ms (timeout ${probe.timeout}ms, ${probe.failure_threshold} failures / ${probe.success_threshold} successes)`;
}

export function renderCheck(check: CheckState): string {
  const last = check.last_result === null ? 'no result yet' : `last ${check.last_result} at ${check.last_checked_at ?? '?'}`;
  return `${check.kind} ${check.check}: ${check.state}, ${check.consecutive_successes} ok / ${check.consecutive_failures} failed in a row (${check.total_failures} failures), ${last}`;
}
