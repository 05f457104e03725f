// Resolves a user's target (`all`, id, name, namespace or app file) to the apps it names.
import fs from 'node:fs';
import path from 'node:path';
import { SvctlError } from '@svctl/protocol';
import { loadAppFileInChild } from '../apps/load-in-child.js';
import type { ManagedApp } from './managed-app.js';

export async function resolveTarget(apps: readonly ManagedApp[], target: string, cwd: string | undefined): Promise<ManagedApp[]> {
  const named = appsNamedBy(apps, target);
  if (named.length > 0) return named;
  const file = targetFile(apps, target, cwd);
  if (file !== null) {
    const { apps: specs } = await loadAppFileInChild({ file, cwd: cwd ?? path.dirname(file), env: {} });
    const names = new Set(specs.map((spec) => spec.name));
    const fromFile = apps.filter((app) => names.has(app.name));
    if (fromFile.length > 0) return fromFile;
  }
  throw new SvctlError('APP_NOT_FOUND', `no app matches "${target}" (not an id, name, namespace or app file of a known app)`, {
    hint: 'svctl list shows the apps',
    details: { target },
  });
}

/** The absolute path of the app file a target names: an existing file, and no id, name or namespace of a known app. */
export function targetFile(apps: readonly ManagedApp[], target: string, cwd: string | undefined): string | null {
  if (cwd === undefined || appsNamedBy(apps, target).length > 0) return null;
  const file = path.resolve(cwd, target);
  return fs.statSync(file, { throwIfNoEntry: false })?.isFile() === true ? file : null;
}

function appsNamedBy(apps: readonly ManagedApp[], target: string): ManagedApp[] {
  if (target === 'all') return [...apps];
  if (/^\d+$/.test(target)) {
    const byId = apps.filter((app) => app.id === Number(target));
    if (byId.length > 0) return byId;
  }
  const byName = apps.filter((app) => app.name === target);
  if (byName.length > 0) return byName;
  return apps.filter((app) => app.spec.namespace === target);
}
