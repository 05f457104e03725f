// Unit names of an exported app: NAME.service, or NAME-0.service, NAME-1.service... for several instances.
import type { AppSpec } from '@svctl/protocol';

export function serviceNames(spec: Pick<AppSpec, 'name' | 'instances'>): string[] {
  return spec.instances === 1 ? [`${spec.name}.service`] : Array.from({ length: spec.instances }, (_, index) => `${spec.name}-${index}.service`);
}

export function targetName(namespace: string): string {
  return `svctl-${namespace}.target`;
}

export function socketName(appName: string): string {
  return `${appName}.socket`;
}
