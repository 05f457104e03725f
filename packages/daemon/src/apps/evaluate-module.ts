// JS/TS app files are evaluated in a short-lived child node, as pm2 evaluates them in its CLI:
// the file sees the CLI's cwd and environment, gets a fresh module cache on every load, and cannot
// take the daemon down (process.exit, a hanging timer, a throw).
import { spawn } from 'node:child_process';

const EVALUATION_TIMEOUT_MS = 10_000;
const STDERR_KEPT = 2000;

// The child imports the file and writes {ok, value} or {ok: false, message} as JSON to fd 3,
// so whatever the file prints on stdout (dotenv banners, debug logs) cannot corrupt the answer.
const CHILD_SOURCE = `
import { writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
let reply;
try {
  const mod = await import(pathToFileURL(process.argv[1]).href);
  // A default export (or module.exports) wins; otherwise the named exports (\`export const apps\`).
  let value = mod.default !== undefined ? mod.default : { ...mod };
  // ESM compiled to CommonJS (TypeScript files outside a "type": "module" package) nests its default export.
  if (value !== null && typeof value === 'object' && value.__esModule === true && value.default !== undefined) value = value.default;
  reply = JSON.stringify({ ok: true, value: value ?? null });
} catch (error) {
  reply = JSON.stringify({ ok: false, message: error instanceof Error ? error.message : String(error) });
}
writeSync(3, reply);
process.exit(0);
`;

export interface EvaluateOptions {
  cwd: string;
  env: Record<string, string>;
}

type ChildReply = { ok: true; value: unknown } | { ok: false; message: string };

/** The module's exported value as plain JSON data; throws an Error carrying the module's own message. */
export async function evaluateModule(file: string, options: EvaluateOptions): Promise<unknown> {
  const reply = await runEvaluationChild(file, options);
  if (!reply.ok) throw new Error(reply.message);
  return reply.value;
}

function nodeArgsFor(file: string): string[] {
  // TypeScript files go through tsx's loader (a dependency of the daemon), resolved from here, not from the user's project.
  const typescript = /\.[cm]?tsx?$/.test(file);
  return typescript ? ['--import', tsxLoaderUrl()] : [];
}

export function tsxLoaderUrl(): string {
  return import.meta.resolve('tsx');
}

function runEvaluationChild(file: string, options: EvaluateOptions): Promise<ChildReply> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgsFor(file), '--input-type=module', '--eval', CHILD_SOURCE, file], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
      timeout: EVALUATION_TIMEOUT_MS,
    });
    let answer = '';
    let stderr = '';
    child.stdio[3]?.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-STDERR_KEPT)));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (answer !== '') return resolve(parseReply(answer));
      const how = signal === 'SIGTERM' ? `did not finish within ${EVALUATION_TIMEOUT_MS} ms` : `exited (${signal ?? `code ${code}`}) before exporting anything`;
      resolve({ ok: false, message: `${how}${stderr.trim() === '' ? '' : `: ${stderr.trim()}`}` });
    });
  });
}

function parseReply(answer: string): ChildReply {
  try {
    return JSON.parse(answer) as ChildReply;
  } catch {
    return { ok: false, message: 'its exports cannot be turned into JSON data' };
  }
}
