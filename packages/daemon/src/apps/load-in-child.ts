// Runs app-file loading in a short-lived node process (loader-main.ts, bundled as app-loader.mjs next
// to svctld.mjs), so the daemon never holds the loaders in memory. Errors come back with their codes.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fromWireError, SvctlError } from '@svctl/protocol';
import type { LoaderReply, LoaderRequest } from './loader-protocol.js';
import type { AdHocRequest, LoadRequest, LoadResult } from './types.js';

// Evaluating a JS app file has its own 10 s limit inside; this bounds the whole load.
const LOADER_TIMEOUT_MS = 30_000;

export function loadAppFileInChild(request: LoadRequest): Promise<LoadResult> {
  return runLoader({ kind: 'file', request });
}

export function buildAdHocAppInChild(request: AdHocRequest): Promise<LoadResult> {
  return runLoader({ kind: 'adhoc', request });
}

function runLoader(request: LoaderRequest): Promise<LoadResult> {
  const entry = fileURLToPath(new URL('./app-loader.mjs', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry], { stdio: ['pipe', 'pipe', 'pipe'], timeout: LOADER_TIMEOUT_MS });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => reject(new SvctlError('INTERNAL', `cannot run the app-file loader: ${error.message}`)));
    child.on('close', (code, signal) => {
      let reply: LoaderReply;
      try {
        reply = JSON.parse(stdout) as LoaderReply;
      } catch {
        reject(new SvctlError('INTERNAL', `the app-file loader failed (${signal ?? `exit ${code}`}): ${stderr.trim().slice(-500)}`));
        return;
      }
      if (reply.ok) resolve(reply.result);
      else reject(fromWireError(reply.error));
    });
    child.stdin.end(JSON.stringify(request));
  });
}
