// Runs app-file loading in a short-lived node process (loader-main.ts, bundled as app-loader.mjs next
// to svctld.mjs), so the daemon never holds the loaders in memory. Errors come back with their codes.
import { fileURLToPath } from 'node:url';
import { type AdHocRequest, APP_FILE_LOAD_TIMEOUT_MS, fromWireError, type LoaderReply, type LoaderRequest, type LoadRequest, type LoadResult, SvctlError } from '@svctl/protocol';
import { runHelper, type HelperResult } from '../os/helper-process.js';
import { FILE_LEVEL } from './app-file-error.js';

/** The loader's answer: the resolved specs, which validation keeps far below this. */
const LOADER_OUTPUT_LIMIT = 64 * 1024 * 1024;

export function loadAppFileInChild(request: LoadRequest): Promise<LoadResult> {
  return runLoader({ kind: 'file', request }, request.file ?? request.cwd);
}

export function buildAdHocAppInChild(request: AdHocRequest): Promise<LoadResult> {
  return runLoader({ kind: 'adhoc', request }, 'the ad hoc app');
}

async function runLoader(request: LoaderRequest, what: string): Promise<LoadResult> {
  const entry = fileURLToPath(new URL('./app-loader.mjs', import.meta.url));
  let result: HelperResult;
  try {
    result = await runHelper({
      command: [process.execPath, entry],
      input: JSON.stringify(request),
      timeoutMs: APP_FILE_LOAD_TIMEOUT_MS,
      collect: { stdout: true, stderr: true },
      outputLimit: LOADER_OUTPUT_LIMIT,
    });
  } catch (error) {
    throw new SvctlError('INTERNAL', `cannot run the app-file loader: ${(error as Error).message}`);
  }
  if (result.killed === 'timeout') {
    const message = `loading did not finish within ${APP_FILE_LOAD_TIMEOUT_MS} ms (time limit): killed`;
    throw new SvctlError('APP_FILE_INVALID', `${what}: ${message}`, { details: { file: what, errors: [{ app: FILE_LEVEL, path: '', message }] } });
  }
  let reply: LoaderReply;
  try {
    reply = JSON.parse(result.stdout) as LoaderReply;
  } catch {
    const stderr = result.stderr.trim().slice(-500);
    throw new SvctlError('INTERNAL', `the app-file loader failed (${result.signal ?? `exit ${result.code}`}): ${stderr}`);
  }
  if (reply.ok) return reply.result;
  throw fromWireError(reply.error);
}
