// Reads an app file without a daemon (deploy, export): runs the daemon package's app-file loader
// (`dist/app-loader.mjs`, the same code `svctl start FILE` goes through), so there is one parser.
import path from 'node:path';
import { fromWireError, SvctlError, type LoaderReply, type LoaderRequest, type LoadRequest, type LoadResult } from '@svctl/protocol';
import { daemonEntry } from '../daemon-launcher.js';

export async function loadAppFileLocally(request: LoadRequest): Promise<LoadResult> {
  const reply = await runAppLoader({ kind: 'file', request });
  if (reply.ok) return reply.result;
  throw fromWireError(reply.error);
}

async function runAppLoader(request: LoaderRequest): Promise<LoaderReply> {
  // Loaded here: child_process costs every other command's start-up.
  const { execFile } = await import('node:child_process');
  const loader = path.join(path.dirname(daemonEntry()), '..', 'dist', 'app-loader.mjs');
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [loader], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      try {
        resolve(JSON.parse(stdout) as LoaderReply);
      } catch {
        const why = error?.message ?? stderr.trim().slice(-500);
        reject(new SvctlError('INTERNAL', `the app-file loader (${loader}) failed: ${why}`));
      }
    });
    child.stdin?.end(JSON.stringify(request));
  });
}
