// svctl probes as Kubernetes probes. Kubernetes counts in whole seconds (rounded up here, at least 1 for
// period and timeout) and runs httpGet and tcpSocket checks against the pod's IP: a probe of 127.0.0.1 or
// localhost becomes a check of the pod, so the app must listen on all addresses in a pod.
import type { AppSpec, ProbeSpec } from '@svctl/protocol';

export type KubernetesProbe = Record<string, unknown>;

// svctl's default listen_timeout (docs/app-file.md).
const DEFAULT_START_BUDGET_MS = 3000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export interface ProbeResult {
  probe: KubernetesProbe;
  warnings: string[];
}

/** A readiness or liveness probe; `key` names it in warnings. */
export function kubernetesProbe(probe: ProbeSpec, key: 'readiness_probe' | 'liveness_probe'): ProbeResult {
  const warnings = checkWarnings(probe, key);
  // Kubernetes refuses a successThreshold other than 1 on liveness and startup probes.
  if (key === 'liveness_probe' && probe.success_threshold !== 1) warnings.push(`liveness_probe.success_threshold ${probe.success_threshold}: Kubernetes allows only 1 on a liveness probe (left out)`);
  return {
    probe: {
      ...probeCheck(probe),
      ...(probe.initial_delay > 0 ? { initialDelaySeconds: seconds(probe.initial_delay) } : {}),
      periodSeconds: Math.max(1, seconds(probe.period)),
      timeoutSeconds: Math.max(1, seconds(probe.timeout)),
      failureThreshold: probe.failure_threshold,
      ...(key === 'readiness_probe' ? { successThreshold: probe.success_threshold } : {}),
    },
    warnings,
  };
}

/**
 * wait_ready / listen_timeout as a startupProbe: the readiness check (or a TCP check of the first listen
 * port) every second, failing once listen_timeout has passed, as a start that is not ready in time fails.
 */
export function startupProbe(spec: AppSpec, firstPort: number | undefined): ProbeResult | undefined {
  if (spec.wait_ready !== true && spec.listen_timeout === undefined) return undefined;
  const check = spec.readiness_probe === undefined ? (firstPort === undefined ? undefined : { tcpSocket: { port: firstPort } }) : probeCheck(spec.readiness_probe);
  const key = spec.wait_ready === true ? 'wait_ready' : 'listen_timeout';
  if (check === undefined) return { probe: {}, warnings: [`${key}: no readiness_probe or listen port to check in a pod (the 'ready' message needs svctl's IPC channel), so there is no startupProbe`] };
  const budget = spec.listen_timeout ?? DEFAULT_START_BUDGET_MS;
  return {
    probe: { ...check, periodSeconds: 1, timeoutSeconds: Math.max(1, seconds(spec.readiness_probe?.timeout ?? 1000)), failureThreshold: Math.max(1, seconds(budget)) },
    warnings: [],
  };
}

function probeCheck(probe: ProbeSpec): KubernetesProbe {
  if (probe.http_get !== undefined) {
    const url = new URL(probe.http_get.url);
    const https = url.protocol === 'https:';
    const headers = Object.entries(probe.http_get.headers).map(([name, value]) => ({ name, value }));
    return {
      httpGet: {
        ...(LOOPBACK.has(url.hostname) ? {} : { host: url.hostname }),
        path: `${url.pathname}${url.search}`,
        port: url.port === '' ? (https ? 443 : 80) : Number(url.port),
        scheme: https ? 'HTTPS' : 'HTTP',
        ...(headers.length > 0 ? { httpHeaders: headers } : {}),
      },
    };
  }
  if (probe.tcp_socket !== undefined) {
    return { tcpSocket: { ...(LOOPBACK.has(probe.tcp_socket.host) ? {} : { host: probe.tcp_socket.host }), port: probe.tcp_socket.port } };
  }
  return { exec: { command: ['/bin/sh', '-c', probe.exec?.command ?? 'true'] } };
}

function checkWarnings(probe: ProbeSpec, key: string): string[] {
  const status = probe.http_get?.status_code ?? null;
  return status === null || (status >= 200 && status < 400) ? [] : [`${key}.http_get.status_code ${status}: a Kubernetes httpGet probe succeeds on any status from 200 to 399`];
}

function seconds(ms: number): number {
  return Math.ceil(ms / 1000);
}
