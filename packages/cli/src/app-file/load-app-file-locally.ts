// Reads an app file without a daemon (deploy, export): runs the daemon package's app-file loader
// (`dist/app-loader.mjs`, the same code `svctl start FILE` goes through), so there is one parser.
import path from 'node:path';
import {
  fromWireError,
  SvctlError,
  type DeployLoadRequest,
  type DeployLoadResult,
  type LoaderReply,
  type LoaderRequest,
  type LoadRequest,
  type LoadResult,
} from '@svctl/protocol';
import { daemonEntry } from '../daemon-launcher.js';

export function loadAppFileLocally(request: LoadRequest): Promise<LoadResult> {
  return runAppLoader<LoadResult>({ kind: 'file', request });
}

/** The file's `deploy.<target>` section, validated and resolved (svctl deploy). */
export function loadDeployTargetLocally(request: DeployLoadRequest): Promise<DeployLoadResult> {
  return runAppLoader<DeployLoadResult>({ kind: 'deploy', request });
}

async function runAppLoader<R>(request: LoaderRequest): Promise<R> {
  const reply = await runLoaderProcess<R>(request);
  if (reply.ok) return reply.result;
  throw fromWireError(reply.error);
}

async function runLoaderProcess<R>(request: LoaderRequest): Promise<LoaderReply<R>> {
  // Loaded here: child_process costs every other command's start-up.
  const { execFile } = await import('node:child_process');
  const loader = path.join(path.dirname(daemonEntry()), '..', 'dist', 'app-loader.mjs');
  return new Promise<LoaderReply<R>>((resolve, reject) => {
    const child = execFile(process.execPath, [loader], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      try {
        resolve(JSON.parse(stdout) as LoaderReply<R>);
      } catch {
        const why = error?.message ?? stderr.trim().slice(-500);
        reject(new SvctlError('INTERNAL', `the app-file loader (${loader}) failed: ${why}`));
      }
    });
    child.stdin?.end(JSON.stringify(request));
  });
}
