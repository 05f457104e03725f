// `svctl export kubernetes`: every app's objects, one YAML file per app (NAME.yaml).
import { SvctlError, type AppSpec } from '@svctl/protocol';
import { ignoredKeysWarning } from '../shared/key-table.js';
import type { ExportResult } from '../shared/export-result.js';
import { toYaml } from '../shared/yaml.js';
import type { HostPaths } from './container-command.js';
import { KUBERNETES_KEYS } from './key-table.js';
import { appManifests } from './manifests.js';
import { objectName } from './names.js';

export interface KubernetesOptions {
  /** --image: the image of every app. */
  image?: string;
  host: HostPaths;
}

export function exportKubernetes(specs: readonly AppSpec[], options: KubernetesOptions): ExportResult {
  const missing = specs.filter((spec) => (options.image ?? spec.image) === undefined).map((spec) => `"${spec.name}"`);
  if (missing.length > 0) throw new SvctlError('USAGE', `no container image for app ${missing.join(', ')}: pass --image IMAGE or set the app key image`);
  const warnings: string[] = [];
  const files = specs.map((spec) => {
    const manifests = appManifests(spec, options.image ?? spec.image ?? '', options.host);
    warnings.push(...[ignoredKeysWarning(spec, KUBERNETES_KEYS, 'Kubernetes')].filter((warning) => warning !== undefined), ...manifests.warnings);
    const secret = manifests.objects.some((object) => object.kind === 'Secret');
    return { name: `${objectName(spec.name)}.yaml`, content: manifests.objects.map((object) => `---\n${toYaml(object)}`).join(''), secret };
  });
  return { files, warnings };
}
