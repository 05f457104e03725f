// One app as Kubernetes objects: a Deployment (or a Job when autorestart is false), a ConfigMap and a
// Secret for its variables, and a Service for its listen ports. The mapping of each key: key-table.ts.
import type { AppSpec } from '@svctl/protocol';
import { listenPort } from '../shared/listen-port.js';
import { splitSecretEnv } from '../shared/split-env.js';
import type { YamlValue } from '../shared/yaml.js';
import { containerCommand, inImage, type HostPaths } from './container-command.js';
import { appLabels, objectName } from './names.js';
import { kubernetesProbe, startupProbe, type ProbeResult } from './probes.js';

export type KubernetesObject = { readonly [key: string]: YamlValue | undefined };

export interface AppManifests {
  objects: KubernetesObject[];
  warnings: string[];
}

// Names envFrom can turn into variables (others are skipped by the kubelet with an event).
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function appManifests(spec: AppSpec, image: string, host: HostPaths): AppManifests {
  const name = objectName(spec.name);
  const labels = appLabels(spec.name, spec.namespace);
  const warnings: string[] = [];
  if (name !== spec.name) warnings.push(`named "${name}" in Kubernetes (object names are lower-case letters, digits and "-")`);
  const metadata = { name, labels };
  const { plain, secret } = splitSecretEnv(withoutUnusable(spec.env, warnings));
  const ports = (spec.listen ?? []).flatMap((address) => {
    const port = listenPort(address);
    if (port === undefined) warnings.push(`listen "${address}": a unix socket has no Service counterpart (left out)`);
    return port === undefined ? [] : [port];
  });
  const probes = (
    [
      ['readinessProbe', spec.readiness_probe === undefined ? undefined : kubernetesProbe(spec.readiness_probe, 'readiness_probe')],
      ['livenessProbe', spec.liveness_probe === undefined ? undefined : kubernetesProbe(spec.liveness_probe, 'liveness_probe')],
      ['startupProbe', startupProbe(spec, ports[0])],
    ] satisfies Array<[string, ProbeResult | undefined]>
  ).filter((entry): entry is [string, ProbeResult] => entry[1] !== undefined);
  for (const [, result] of probes) warnings.push(...result.warnings);
  const envFrom = [
    ...(Object.keys(plain).length > 0 ? [{ configMapRef: { name: `${name}-env` } }] : []),
    ...(Object.keys(secret).length > 0 ? [{ secretRef: { name: `${name}-secret` } }] : []),
  ];
  const container = {
    name,
    image,
    command: containerCommand(spec, host),
    workingDir: inImage(spec.cwd, host.root),
    envFrom: envFrom.length > 0 ? envFrom : undefined,
    ports: ports.length > 0 ? ports.map((port) => ({ containerPort: port, protocol: 'TCP' })) : undefined,
    resources: spec.max_memory_restart === undefined ? undefined : { limits: { memory: memoryQuantity(spec.max_memory_restart) } },
    ...Object.fromEntries(probes.filter(([, result]) => Object.keys(result.probe).length > 0).map(([field, result]) => [field, result.probe as YamlValue])),
  };
  const podSpec = { terminationGracePeriodSeconds: Math.ceil(spec.kill_timeout / 1000), containers: [container] };
  return {
    objects: [
      ...(Object.keys(plain).length > 0 ? [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { ...metadata, name: `${name}-env` }, data: plain }] : []),
      ...(Object.keys(secret).length > 0 ? [{ apiVersion: 'v1', kind: 'Secret', metadata: { ...metadata, name: `${name}-secret` }, type: 'Opaque', stringData: secret }] : []),
      spec.autorestart ? deployment(spec, metadata, podSpec) : job(spec, metadata, podSpec),
      ...(ports.length > 0 ? [service(metadata, ports)] : []),
    ],
    warnings: warnings.map((warning) => `app "${spec.name}": ${warning}`),
  };
}

type Metadata = { name: string; labels: Record<string, string> };

function deployment(spec: AppSpec, metadata: Metadata, podSpec: KubernetesObject): KubernetesObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata,
    spec: { replicas: spec.autostart === false ? 0 : spec.instances, selector: { matchLabels: metadata.labels }, template: { metadata: { labels: metadata.labels }, spec: podSpec } },
  };
}

function job(spec: AppSpec, metadata: Metadata, podSpec: KubernetesObject): KubernetesObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata,
    spec: {
      completions: spec.instances,
      parallelism: spec.instances,
      backoffLimit: 0,
      suspend: spec.autostart === false ? true : undefined,
      template: { metadata: { labels: metadata.labels }, spec: { ...podSpec, restartPolicy: 'Never' } },
    },
  };
}

function service(metadata: Metadata, ports: number[]): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata,
    spec: { selector: metadata.labels, ports: ports.map((port) => ({ name: `tcp-${port}`, port, targetPort: port, protocol: 'TCP' })) },
  };
}

/** Bytes as a Kubernetes quantity: Mi or Gi when exact, else a plain number of bytes. */
export function memoryQuantity(bytes: number): string {
  if (bytes > 0 && bytes % 2 ** 30 === 0) return `${bytes / 2 ** 30}Gi`;
  if (bytes > 0 && bytes % 2 ** 20 === 0) return `${bytes / 2 ** 20}Mi`;
  return String(bytes);
}

function withoutUnusable(env: Readonly<Record<string, string>>, warnings: string[]): Record<string, string> {
  const bad = Object.keys(env).filter((key) => !ENV_NAME.test(key));
  if (bad.length > 0) warnings.push(`env ${bad.map((key) => JSON.stringify(key)).join(', ')}: not a variable name Kubernetes accepts (left out)`);
  return Object.fromEntries(Object.entries(env).filter(([key]) => ENV_NAME.test(key)));
}
