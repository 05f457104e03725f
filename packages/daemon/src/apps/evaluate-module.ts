// JS/TS app files are evaluated in a short-lived child node, as pm2 evaluates them in its CLI:
// the file sees the CLI's cwd and environment, gets a fresh module cache on every load, and cannot
// take the daemon down (process.exit, a hanging timer, a throw), nor outlive its bounds: the child
// has a deadline, a heap limit and a resident-memory limit, each ending in SIGKILL to its group.
import {
  APP_FILE_EVALUATION_HEAP_MB,
  APP_FILE_EVALUATION_RSS_LIMIT_BYTES,
  APP_FILE_EVALUATION_TIMEOUT_MS,
} from '@svctl/protocol';
import { runHelper, type HelperResult } from '../os/helper-process.js';
import { displayPath } from './display-path.js';
import { describeModuleFailure, type ModuleFailure } from './module-error.js';

const STDERR_KEPT = 2000;
/** The exported value, as JSON: far more than any app file (specs are bounded at validation). */
const REPLY_LIMIT = 64 * 1024 * 1024;

// The child imports the file and writes {ok, value} or {ok: false, failure} as JSON to fd 3,
// so whatever the file prints on stdout (dotenv banners, debug logs) cannot corrupt the answer.
// --eval defines a global `module`: an ES module file must not write its `module.exports` there unnoticed.
// A syntax error in a JS ES module has no location in its stack; `node --check` prints it (tsx's errors carry theirs).
const CHILD_SOURCE = `
import { spawnSync } from 'node:child_process';
import { writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
delete globalThis.module;
let reply;
try {
  const mod = await import(pathToFileURL(process.argv[1]).href);
  // A default export (or module.exports) wins; otherwise the named exports (\`export const apps\`).
  let value = mod.default !== undefined ? mod.default : { ...mod };
  // ESM compiled to CommonJS (TypeScript files outside a "type": "module" package) nests its default export.
  if (value !== null && typeof value === 'object' && value.__esModule === true && value.default !== undefined) value = value.default;
  reply = JSON.stringify({ ok: true, value: value ?? null });
} catch (error) {
  const failure = error instanceof Error ? { name: error.name, message: error.message, stack: String(error.stack) } : { name: 'Error', message: String(error), stack: '' };
  if (failure.name === 'SyntaxError' && !failure.stack.includes(process.argv[1]) && !/\\.[cm]?tsx?$/.test(process.argv[1])) {
    failure.stack += '\\n' + spawnSync(process.execPath, ['--check', process.argv[1]], { encoding: 'utf8', timeout: 5000 }).stderr;
  }
  reply = JSON.stringify({ ok: false, failure });
}
writeSync(3, reply);
process.exit(0);
`;

export interface EvaluateOptions {
  cwd: string;
  env: Record<string, string>;
}

type ChildReply = { ok: true; value: unknown } | { ok: false; message: string } | { ok: false; failure: ModuleFailure };

/** The module's exported value as plain JSON data; throws an Error carrying the module's own message. */
export async function evaluateModule(file: string, options: EvaluateOptions): Promise<unknown> {
  const result = await runHelper({
    command: [process.execPath, `--max-old-space-size=${APP_FILE_EVALUATION_HEAP_MB}`, ...nodeArgsFor(file), '--input-type=module', '--eval', CHILD_SOURCE, file],
    cwd: options.cwd,
    env: options.env,
    timeoutMs: APP_FILE_EVALUATION_TIMEOUT_MS,
    rssLimitBytes: APP_FILE_EVALUATION_RSS_LIMIT_BYTES,
    collect: { stderr: true, reply: true },
    outputLimit: REPLY_LIMIT,
  });
  const reply = replyOf(result);
  if (reply.ok) return reply.value;
  throw new Error('failure' in reply ? describeModuleFailure(file, displayPath(file, options.cwd), reply.failure) : reply.message);
}

function nodeArgsFor(file: string): string[] {
  // TypeScript files go through tsx's loader (a dependency of the daemon), resolved from here, not from the user's project.
  const typescript = /\.[cm]?tsx?$/.test(file);
  return typescript ? ['--import', tsxLoaderUrl()] : [];
}

export function tsxLoaderUrl(): string {
  return import.meta.resolve('tsx');
}

function replyOf(result: HelperResult): ChildReply {
  if (result.killed === null && result.reply !== '') return parseReply(result.reply);
  const stderr = result.stderr.trim().slice(-STDERR_KEPT);
  // V8 at its heap limit aborts with "FATAL ERROR: ... JavaScript heap out of memory".
  const outOfHeap = /heap out of memory|Reached heap limit/.test(stderr);
  if (result.killed === 'timeout') return { ok: false, message: `evaluation did not finish within ${APP_FILE_EVALUATION_TIMEOUT_MS} ms (time limit): killed` };
  if (result.killed === 'memory' || outOfHeap) {
    return { ok: false, message: `evaluation exceeded the memory limit (heap ${APP_FILE_EVALUATION_HEAP_MB} MB, resident ${APP_FILE_EVALUATION_RSS_LIMIT_BYTES / 1024 / 1024} MB): killed` };
  }
  const how = `exited (${result.signal ?? `code ${result.code}`}) before exporting anything`;
  return { ok: false, message: `${how}${stderr === '' ? '' : `: ${stderr}`}` };
}

function parseReply(answer: string): ChildReply {
  try {
    return JSON.parse(answer) as ChildReply;
  } catch {
    return { ok: false, message: 'its exports cannot be turned into JSON data' };
  }
}
