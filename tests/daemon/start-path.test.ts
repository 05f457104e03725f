// The idle daemon loads only what it needs (issue 9, daemon RSS): the parts used by an opt-in feature are
// chunks of the built daemon imported with import() when the feature is first used (scripts/bundle.mjs).
// Checked on the build: the files svctld.mjs imports statically, chunk by chunk, hold none of them.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from '../helpers/paths.js';

const DIST = path.join(REPO_ROOT, 'packages/daemon/dist');

interface Imports {
  static: string[];
  dynamic: string[];
  builtins: string[];
}

/** The relative files a built module imports (`import ... from "./x.mjs"`, `import "./x.mjs"`, `import("./x.mjs")`) and its node: built-ins. */
function importsOf(file: string): Imports {
  const code = fs.readFileSync(path.join(DIST, file), 'utf8');
  const staticImports = [...code.matchAll(/\bimport\s*(?:[\w$*{][^"'();]*?\bfrom\s*)?["']\.\/([^"']+)["']/g)].map((match) => match[1] ?? '');
  const dynamicImports = [...code.matchAll(/\bimport\(\s*["']\.\/([^"']+)["']\s*\)/g)].map((match) => match[1] ?? '');
  const builtins = [...code.matchAll(/\bfrom\s*["']node:([\w/]+)["']/g)].map((match) => match[1] ?? '');
  return { static: staticImports, dynamic: dynamicImports, builtins };
}

/** Every file loaded with `entry`, following static imports only. */
function staticClosure(entry: string): Map<string, Imports> {
  const closure = new Map<string, Imports>();
  const pending = [entry];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (closure.has(file)) continue;
    const imports = importsOf(file);
    closure.set(file, imports);
    pending.push(...imports.static);
  }
  return closure;
}

const LAZY_PARTS = ['gateway.mjs', 'metrics-exporter.mjs', 'log-search.mjs'];
// ws's WebSocketServer, minified: its error messages stay in the code.
const WS_SERVER = /handleUpgrade\(\) was called more than once/;

describe('the daemon start path (built dist)', () => {
  it('svctld.mjs imports the gateway, the metrics exporter and log search only with import(), and no HTTP built-in', () => {
    const closure = staticClosure('svctld.mjs');
    for (const part of LAZY_PARTS) assert.ok(!closure.has(part), `${part} is imported statically by the daemon`);
    const builtins = new Set([...closure.values()].flatMap((imports) => imports.builtins));
    for (const builtin of ['http', 'https', 'tls']) assert.ok(!builtins.has(builtin), `node:${builtin} is loaded at start`);
    for (const file of closure.keys()) assert.doesNotMatch(fs.readFileSync(path.join(DIST, file), 'utf8'), WS_SERVER, `ws's server is in ${file}`);
    const dynamic = new Set([...closure.values()].flatMap((imports) => imports.dynamic));
    for (const part of LAZY_PARTS) assert.ok(dynamic.has(part), `nothing imports ${part} on demand`);
  });

  it('the gateway chunk exists and carries the HTTP server', () => {
    const gateway = staticClosure('gateway.mjs');
    const builtins = new Set([...gateway.values()].flatMap((imports) => imports.builtins));
    assert.ok(builtins.has('http') && builtins.has('https'), `gateway.mjs loads ${[...builtins].join(', ')}`);
    assert.ok([...gateway.keys()].some((file) => WS_SERVER.test(fs.readFileSync(path.join(DIST, file), 'utf8'))), 'ws is not in the gateway chunk');
  });
});
