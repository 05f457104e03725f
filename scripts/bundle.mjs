// Bundles the CLI into one CommonJS file (fast start-up) and the daemon into one ESM file with
// @svctl/protocol inlined, so the packed packages install without the unpublished workspace packages.
// The daemon bundles its dependencies too: one module instead of hundreds saves ~10 MB of daemon RSS.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

// pino's parts the daemon never calls, left out of its bundle so that the built-in modules they load at start stay
// out of the idle daemon (issue 9, daemon RSS; figures in bench/HISTORY.md). The daemon hands pino its own
// stream (runtime/daemon-log-stream.ts), so pino's transports (lib/transport.js: thread-stream, worker threads) and its
// file destination (sonic-boom, which loads assert) are never used: each becomes a module that throws if it ever
// is. pino's tools.js reads worker_threads' isMainThread only for a sonic-boom destination, unreachable here.
const PINO_NO_TRANSPORT = "module.exports = function transport() { throw new Error('pino transports are left out of the svctl daemon bundle (scripts/bundle.mjs)'); };";
const PINO_UNUSED = {
  './transport': PINO_NO_TRANSPORT,
  './lib/transport': PINO_NO_TRANSPORT,
  'sonic-boom': "module.exports = class SonicBoom { constructor() { throw new Error('pino.destination (sonic-boom) is left out of the svctl daemon bundle (scripts/bundle.mjs)'); } };",
  worker_threads: 'module.exports = { isMainThread: true };',
};
const pinoUnusedParts = {
  name: 'pino-unused-parts',
  setup(build) {
    build.onResolve({ filter: /^(\.\/(lib\/)?transport|sonic-boom|worker_threads)$/ }, (args) =>
      /[\\/]node_modules[\\/]pino[\\/](pino|lib[\\/]tools)\.js$/.test(args.importer) ? { path: args.path, namespace: 'pino-unused' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'pino-unused' }, (args) => ({ contents: PINO_UNUSED[args.path], loader: 'js' }));
  },
};
// The daemon, with code splitting: what the daemon loads with import() only when a feature is on stays out of the
// idle daemon's memory, and code shared with those parts lives in shared chunks loaded once (one copy of each
// class, so `instanceof SvctlError` holds across them). Each lazy part is an entry of its own, so its file keeps
// a stable name (the import() of its source points to it); the shared chunks are named chunk-HASH.mjs.
const daemonDist = path.join(root, 'packages/daemon/dist');
const daemonOptions = {
  outdir: daemonDist,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  // tsx is loaded by path into the children that evaluate .ts app files; typescript is cosmiconfig's optional, huge loader;
  // bufferutil and utf-8-validate are ws's optional native speed-ups (ws falls back to JS without them).
  external: ['tsx', 'typescript', 'bufferutil', 'utf-8-validate'],
  minify: true,
  banner: { js: "import { createRequire as __svctlCreateRequire } from 'node:module'; const require = __svctlCreateRequire(import.meta.url);" },
  plugins: [pinoUnusedParts],
  logLevel: 'warning',
};
// dist also holds tsc's output: only the shared chunks of earlier builds (their names change) are removed.
for (const file of fs.readdirSync(daemonDist)) if (file.startsWith('chunk-')) fs.rmSync(path.join(daemonDist, file));
await build({
  ...daemonOptions,
  entryPoints: {
    svctld: path.join(root, 'packages/daemon/src/main.ts'),
    // svctl-runtime, the daemon in the foreground as a container's main process (see runtime-main.ts).
    'svctl-runtime': path.join(root, 'packages/daemon/src/runtime-main.ts'),
    // The network gateway (http, https, ws, the routes, sessions, the dashboard's and the docs' routes), when http_listen is set (see daemon.ts).
    gateway: path.join(root, 'packages/daemon/src/gateway/gateway.ts'),
    // prom-client and the metrics, for the gateway's GET /metrics (see metrics/recorder.ts).
    'metrics-exporter': path.join(root, 'packages/daemon/src/metrics/exporter.ts'),
    // logs.search over the log files, with re2js (see rpc/handlers/logs.ts).
    'log-search': path.join(root, 'packages/daemon/src/logs/search-files.ts'),
  },
  splitting: true,
  chunkNames: 'chunk-[hash]',
});
// Programs of their own, each one file: the app-file loader runs as a short-lived process (see apps/load-in-child.ts),
// a cluster-mode app's primary as a small process (see cluster/cluster-host.ts), and the socket opener opens an app's
// held sockets (`listen`) and passes them to the daemon (see os/listeners.ts).
await build({
  ...daemonOptions,
  entryPoints: {
    'app-loader': path.join(root, 'packages/daemon/src/apps/loader-main.ts'),
    'cluster-primary': path.join(root, 'packages/daemon/src/cluster/primary-main.ts'),
    'socket-opener': path.join(root, 'packages/daemon/src/os/socket-opener-main.ts'),
  },
});

// The gateway's API documents and /docs page (gateway/docs-routes.ts), served from disk on request: the generated
// documents, the page, and the Swagger UI files it uses. swagger-ui-dist is a devDependency copied in here, so
// the daemon keeps no runtime dependency but tsx and installs ~2 MB of it, not the whole package (docs/api.md).
const apiDocs = path.join(root, 'packages/daemon/dist/api-docs');
const swaggerUi = path.dirname(createRequire(path.join(root, 'packages/daemon/package.json')).resolve('swagger-ui-dist/package.json'));
fs.rmSync(apiDocs, { recursive: true, force: true });
fs.mkdirSync(apiDocs, { recursive: true });
for (const [from, to] of [
  [path.join(root, 'docs/openrpc.json'), 'openrpc.json'],
  [path.join(root, 'docs/openapi.json'), 'openapi.json'],
  [path.join(root, 'packages/daemon/static/docs/index.html'), 'index.html'],
  [path.join(root, 'packages/daemon/static/docs/init.js'), 'init.js'],
  [path.join(swaggerUi, 'swagger-ui-bundle.js'), 'swagger-ui-bundle.js'],
  [path.join(swaggerUi, 'swagger-ui-bundle.js.LICENSE.txt'), 'swagger-ui-bundle.js.LICENSE.txt'],
  [path.join(swaggerUi, 'swagger-ui.css'), 'swagger-ui.css'],
  [path.join(swaggerUi, 'favicon-32x32.png'), 'favicon.png'],
  [path.join(swaggerUi, 'LICENSE'), 'swagger-ui-LICENSE'],
  [path.join(swaggerUi, 'NOTICE'), 'swagger-ui-NOTICE'],
]) {
  fs.copyFileSync(from, path.join(apiDocs, to));
}
// The web dashboard (docs/dashboard.md): a browser bundle the gateway serves from disk, never loaded into the daemon.
const dashboardUi = path.join(root, 'packages/daemon/dashboard-ui');
const dashboardOut = path.join(root, 'packages/daemon/dist/dashboard');
fs.rmSync(dashboardOut, { recursive: true, force: true });
await build({
  entryPoints: { dashboard: path.join(dashboardUi, 'src/main.tsx') },
  outdir: path.join(dashboardOut, 'assets'),
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: ['chrome115', 'firefox115', 'safari16'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  // The protocol package's Node-only modules (socket client, settings files) are never reached from the page; tree-shaking drops them.
  external: ['node:*'],
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});
fs.copyFileSync(path.join(dashboardUi, 'dashboard.css'), path.join(dashboardOut, 'assets/dashboard.css'));
fs.copyFileSync(path.join(dashboardUi, 'index.html'), path.join(dashboardOut, 'index.html'));

// Preloaded into cluster workers with --require, so CommonJS (see cluster/worker-drain.ts).
await build({
  entryPoints: [path.join(root, 'packages/daemon/src/cluster/worker-drain.ts')],
  outfile: path.join(root, 'packages/daemon/dist/cluster-worker.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
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
  // ws's optional native speed-ups (ws, for svctl --host, falls back to JS without them).
  external: ['bufferutil', 'utf-8-validate'],
  // yargs is ESM and reads import.meta.url; give the CommonJS bundle an equivalent.
  define: { 'import.meta.url': '__svctlImportMetaUrl' },
  // The bin runs the bundle through vm.Script, which has no loader for import(): lazy imports become require().
  supported: { 'dynamic-import': false },
  banner: { js: "const __svctlImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});

// Warm the V8 code cache the bin shim loads (see packages/cli/bin/svctl.cjs).
const cache = path.join(root, 'packages/cli/dist/svctl.cache');
fs.rmSync(cache, { force: true });
execFileSync(process.execPath, [path.join(root, 'packages/cli/bin/svctl.cjs'), '--help'], { stdio: 'ignore', env: { ...process.env, SVCTL_WRITE_CODE_CACHE: '1' } });
