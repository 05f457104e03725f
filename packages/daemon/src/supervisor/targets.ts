// Resolves a user's target (`all`, id, name, namespace or app file) to the apps it names.
import fs from 'node:fs';
import path from 'node:path';
import { SvctlError } from '@svctl/protocol';
import { loadAppFileInChild } from '../apps/load-in-child.js';
import type { ManagedApp } from './managed-app.js';

export async function resolveTarget(apps: readonly ManagedApp[], target: string, cwd: string | undefined): Promise<ManagedApp[]> {
  if (target === 'all') return [...apps];
  if (/^\d+$/.test(target)) {
    const byId = apps.filter((app) => app.id === Number(target));
    if (byId.length > 0) return byId;
  }
  const byName = apps.filter((app) => app.name === target);
  if (byName.length > 0) return byName;
  const byNamespace = apps.filter((app) => app.spec.namespace === target);
  if (byNamespace.length > 0) return byNamespace;
  const file = cwd === undefined ? undefined : path.resolve(cwd, target);
  if (file !== undefined && fs.statSync(file, { throwIfNoEntry: false })?.isFile() === true) {
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
