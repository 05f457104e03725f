// Finding and reading an app file: cosmiconfig decides where to look and which loader to use;
// our loaders parse JSON as JSON5 (never evaluated) and evaluate JS/TS in a child (evaluate-module.ts).
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { cosmiconfig, defaultLoaders, type Loader } from 'cosmiconfig';
import JSON5 from 'json5';
import { SvctlError } from '@svctl/protocol';
import { FILE_LEVEL } from './app-file-error.js';
import { displayPath } from './display-path.js';
import { evaluateModule, type EvaluateOptions } from './evaluate-module.js';

const SCRIPT_EXTENSIONS = ['js', 'ts', 'mjs', 'cjs'];
const DATA_EXTENSIONS = ['json', 'yaml', 'yml'];

/** Looked for in this order in the CLI's cwd when no file is given. */
export const APP_FILE_SEARCH_PLACES = [
  'package.json',
  '.svctlrc',
  ...[...DATA_EXTENSIONS, ...SCRIPT_EXTENSIONS].map((ext) => `.svctlrc.${ext}`),
  ...[...SCRIPT_EXTENSIONS, ...DATA_EXTENSIONS].map((ext) => `svctl.config.${ext}`),
  ...[...SCRIPT_EXTENSIONS, ...DATA_EXTENSIONS].map((ext) => `ecosystem.config.${ext}`),
  ...DATA_EXTENSIONS.map((ext) => `ecosystem.${ext}`),
];

export interface RawAppFile {
  /** Absolute path of the file read. */
  file: string;
  /** What the file holds or exports, as plain data. */
  content: unknown;
}

/** Reads the file the user named (a folder is searched), or searches the cwd; throws APP_FILE_NOT_FOUND / APP_FILE_INVALID. */
export async function readAppFile(file: string | undefined, context: EvaluateOptions): Promise<RawAppFile> {
  const explorer = cosmiconfig('svctl', {
    searchPlaces: APP_FILE_SEARCH_PLACES,
    searchStrategy: 'none',
    cache: false,
    loaders: appFileLoaders(context),
  });
  const target = file === undefined ? context.cwd : path.resolve(context.cwd, file);
  const stats = await stat(target).catch(() => undefined);
  if (stats === undefined) {
    throw new SvctlError('APP_FILE_NOT_FOUND', `app file ${file ?? target} does not exist (looked at ${target})`, { details: { file: target } });
  }
  const isFolder = stats.isDirectory();
  let result;
  try {
    result = isFolder ? await explorer.search(target) : await explorer.load(target);
  } catch (error) {
    throw unreadableFile(target, context.cwd, error);
  }
  if (result === null) {
    throw new SvctlError('APP_FILE_NOT_FOUND', `no app file found in ${target}`, {
      details: { file: target, searched: APP_FILE_SEARCH_PLACES },
      hint: 'name a file (svctl start ecosystem.config.js), run `svctl init` to write a svctl.config.js, or create .svctlrc.json, ecosystem.config.js or a "svctl" key in package.json',
    });
  }
  if (result.isEmpty === true) throw unreadableFile(result.filepath, context.cwd, new Error('the file is empty'));
  return { file: result.filepath, content: result.config as unknown };
}

function appFileLoaders(context: EvaluateOptions): Record<string, Loader> {
  const evaluate: Loader = (filepath) => evaluateModule(filepath, context);
  return {
    '.json': (_filepath, content) => JSON5.parse(content) as unknown,
    '.yaml': defaultLoaders['.yaml'],
    '.yml': defaultLoaders['.yml'],
    // An rc file without extension may be JSON(5) or YAML.
    noExt: (filepath, content) => {
      try {
        return JSON5.parse(content) as unknown;
      } catch {
        return defaultLoaders['.yaml'](filepath, content);
      }
    },
    ...Object.fromEntries(['.js', '.cjs', '.mjs', '.ts', '.cts', '.mts'].map((ext) => [ext, evaluate])),
  };
}

function unreadableFile(file: string, cwd: string, error: unknown): SvctlError {
  const reason = error instanceof Error ? error.message : String(error);
  const message = `${displayPath(file, cwd)}: cannot be loaded: ${reason}`;
  return new SvctlError('APP_FILE_INVALID', message, {
    details: { file, errors: [{ app: FILE_LEVEL, path: '', message: `cannot be loaded: ${reason}` }] },
    cause: error,
  });
}
