// What `svctl init` reads of the project in the current folder: its package.json (name, start script,
// main) and the module type of the nearest package.json, which decides how a .js app file must export.
import fs from 'node:fs';
import path from 'node:path';
import { NAME_PATTERN } from '@svctl/protocol';
import type { AppFileFormat, ExampleApp } from './app-file-text.js';
import { mapStartScript } from './start-script.js';

interface PackageJson {
  name?: unknown;
  main?: unknown;
  type?: unknown;
  scripts?: { start?: unknown };
}

export function exampleAppFor(folder: string): ExampleApp {
  const pkg = readPackageJson(path.join(folder, 'package.json'));
  const start = typeof pkg?.scripts?.start === 'string' ? pkg.scripts.start : undefined;
  const entry = typeof pkg?.main === 'string' ? pkg.main : 'index.js';
  return {
    name: appName(typeof pkg?.name === 'string' ? pkg.name : path.basename(folder)),
    command: start === undefined ? { keys: { script: entry }, via: 'direct' } : mapStartScript(start),
    startScript: start,
  };
}

/** `esm` when the nearest package.json says `"type": "module"` (a .js file is then an ES module), else `cjs`. */
export function scriptFormatFor(folder: string): AppFileFormat {
  for (let dir = path.resolve(folder); ; dir = path.dirname(dir)) {
    const pkg = readPackageJson(path.join(dir, 'package.json'));
    if (pkg !== undefined) return pkg.type === 'module' ? 'esm' : 'cjs';
    if (path.dirname(dir) === dir) return 'cjs';
  }
}

// `@acme/web-api` → `web-api`; characters a name may not have become `-` (NAME_PATTERN).
function appName(raw: string): string {
  const name = (raw.split('/').at(-1) ?? raw).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 64);
  return new RegExp(NAME_PATTERN, 'u').test(name) ? name : 'app';
}

function readPackageJson(file: string): PackageJson | undefined {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as PackageJson) : undefined;
  } catch {
    return undefined;
  }
}
