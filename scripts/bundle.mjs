// Bundles the CLI into one CommonJS file (fast start-up) and the daemon into one ESM file with
// @svctl/protocol inlined, so the packed packages install without the unpublished workspace packages.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const pkg = (name) => JSON.parse(fs.readFileSync(path.join(root, 'packages', name, 'package.json'), 'utf8'));

await build({
  entryPoints: [path.join(root, 'packages/daemon/src/main.ts')],
  outfile: path.join(root, 'packages/daemon/dist/svctld.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: Object.keys(pkg('daemon').dependencies ?? {}),
  banner: { js: "import { createRequire as __svctlCreateRequire } from 'node:module'; const require = __svctlCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});

const cliOut = path.join(root, 'packages/cli/dist/svctl.cjs');
await build({
  entryPoints: [path.join(root, 'packages/cli/src/bin.ts')],
  outfile: cliOut,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  sourcemap: true,
  // yargs is ESM and reads import.meta.url; give the CommonJS bundle an equivalent.
  define: { 'import.meta.url': '__svctlImportMetaUrl' },
  banner: { js: "const __svctlImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});

// Warm the V8 code cache the bin shim loads (see packages/cli/bin/svctl.cjs).
const cache = path.join(root, 'packages/cli/dist/svctl.cache');
fs.rmSync(cache, { force: true });
execFileSync(process.execPath, [path.join(root, 'packages/cli/bin/svctl.cjs'), '--help'], { stdio: 'ignore', env: { ...process.env, SVCTL_WRITE_CODE_CACHE: '1' } });
