// Checks made before spawning, so that common mistakes end in a clear reason instead of a crash loop.
// (A missing cwd would otherwise surface as a misleading "spawn node ENOENT"; `node missing.js` would
// start node, which exits 1 with "Cannot find module" on every restart.)
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SpawnRequest } from './seam.js';

/** Interpreters whose first argument, unless it is an option (`-e`, `-m`...), is a script file that must exist. */
const SCRIPT_INTERPRETERS = new Set(['node', 'nodejs', 'python', 'python3', 'bash', 'sh']);
/** Extensions node tries when the script is named without one (`node server` runs server.js). */
const NODE_EXTENSIONS = ['', '.js', '.mjs', '.cjs', '.json', '.node'];
/** The search path libuv uses when the child's environment has no PATH. */
const DEFAULT_PATH = '/usr/bin:/bin';

/** The reason the request cannot be spawned, or null when it looks spawnable. */
export async function findSpawnProblem(request: SpawnRequest): Promise<string | null> {
  const cwdProblem = await findCwdProblem(request.cwd);
  if (cwdProblem !== null) return cwdProblem;
  if (request.shell) return null; // the shell parses the command and reports its own errors
  const [file, script] = request.command;
  if (file === undefined || file === '') return 'the command is empty';
  const executableProblem = await findExecutableProblem(file, request.cwd, request.env['PATH'] ?? DEFAULT_PATH);
  if (executableProblem !== null) return executableProblem;
  const interpreter = path.basename(file);
  if (script === undefined || script.startsWith('-') || !SCRIPT_INTERPRETERS.has(interpreter)) return null;
  return findScriptProblem(path.resolve(request.cwd, script), interpreter === 'node' || interpreter === 'nodejs');
}

async function findCwdProblem(cwd: string): Promise<string | null> {
  const info = await stat(cwd).catch(() => null);
  if (info === null) return `cwd ${cwd} does not exist`;
  if (!info.isDirectory()) return `cwd ${cwd} is not a directory`;
  return (await isAccessible(cwd, constants.X_OK)) ? null : `cwd ${cwd} is not accessible`;
}

async function findExecutableProblem(file: string, cwd: string, searchPath: string): Promise<string | null> {
  if (file.includes('/')) {
    const absolute = path.resolve(cwd, file);
    const info = await stat(absolute).catch(() => null);
    if (info === null) return `spawn ENOENT: ${absolute} not found`;
    const executable = info.isFile() && (await isAccessible(absolute, constants.X_OK));
    return executable ? null : `spawn EACCES: ${absolute} is not executable`;
  }
  for (const dir of searchPath.split(':').filter((entry) => entry !== '')) {
    const candidate = path.resolve(cwd, dir, file);
    const info = await stat(candidate).catch(() => null);
    if (info?.isFile() === true && (await isAccessible(candidate, constants.X_OK))) return null;
  }
  return `spawn ENOENT: ${file} not found in PATH (${searchPath})`;
}

async function findScriptProblem(script: string, nodeResolution: boolean): Promise<string | null> {
  for (const extension of nodeResolution ? NODE_EXTENSIONS : ['']) {
    if (await isAccessible(script + extension, constants.F_OK)) return null;
  }
  return `script ${script} not found`;
}

async function isAccessible(file: string, mode: number): Promise<boolean> {
  return access(file, mode).then(() => true, () => false);
}
