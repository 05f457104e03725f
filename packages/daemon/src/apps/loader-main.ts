// Entry of the short-lived process that loads and validates an app file for the daemon: the request
// comes as JSON on stdin, the result (or the error) goes as JSON to stdout. Loading there keeps the
// loaders (cosmiconfig, YAML, JSON5, ajv with the app schema: ~15 MB) out of the long-lived daemon.
import { isSvctlError, type LoaderReply, type LoaderRequest, SvctlError, toWireError } from '@svctl/protocol';
import { buildAdHocApp } from './build-ad-hoc-app.js';
import { loadAppFile } from './load-app-file.js';
import { loadDeployTarget } from './load-deploy-target.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function answer(request: LoaderRequest): Promise<LoaderReply<unknown>> {
  try {
    return { ok: true, result: await run(request) };
  } catch (error) {
    const known = isSvctlError(error) ? error : new SvctlError('INTERNAL', `loading the app file failed: ${(error as Error)?.message ?? String(error)}`);
    return { ok: false, error: toWireError(known) };
  }
}

function run(request: LoaderRequest): Promise<unknown> {
  switch (request.kind) {
    case 'adhoc':
      return Promise.resolve(buildAdHocApp(request.request));
    case 'file':
      return loadAppFile(request.request);
    case 'deploy':
      return loadDeployTarget(request.request);
  }
}

const reply = await answer(JSON.parse(await readStdin()) as LoaderRequest);
process.stdout.write(JSON.stringify(reply), () => process.exit(0));
