// find → load → extract apps → drop ignored keys → validate → normalise aliases → resolve → --only.
import type { LoadRequest, LoadResult } from '@svctl/protocol';
import { appFileInvalid, FILE_LEVEL, formatIssueLine } from './app-file-error.js';
import { fileSource } from './app-source.js';
import { extractEntries, isPlainObject, type ExtractedEntries } from './extract-entries.js';
import { prepareApps } from './prepare-apps.js';
import { readAppFile } from './read-app-file.js';
import { selectOnly } from './select-only.js';
import type { AppFileIssue, AppSource } from './types.js';

export async function loadAppFile(request: LoadRequest): Promise<LoadResult> {
  const raw = await readAppFile(request.file, { cwd: request.cwd, env: request.env });
  const source = fileSource(raw.file, request.cwd);
  const extracted = extractEntries(raw.content);
  const ignoreUnknown = request.ignoreUnknown ?? false;
  const envName = request.envName ?? null;
  const topLevel = checkTopLevel(extracted, source, ignoreUnknown);
  const prepared = prepareApps(extracted.entries, { source, baseEnv: request.env, envName, ignoreUnknown, umask: request.umask ?? null });
  const issues = [...extracted.issues, ...topLevel.issues, ...prepared.issues];
  if (issues.length > 0) throw appFileInvalid(source, issues);
  const warnings = [...topLevel.warnings, ...unusedEnvNameWarning(extracted.entries, envName, source), ...prepared.warnings];
  return { file: raw.file, apps: selectOnly(prepared.apps, request.only, source), warnings };
}

function checkTopLevel(extracted: ExtractedEntries, source: AppSource, ignoreUnknown: boolean): { warnings: string[]; issues: AppFileIssue[] } {
  const warnings: string[] = [];
  const issues: AppFileIssue[] = [];
  for (const key of extracted.strayTopLevel) {
    const message = `top-level key "${key}" is not used: app settings go inside each app in "apps"`;
    if (ignoreUnknown) warnings.push(formatIssueLine(source, FILE_LEVEL, message));
    else issues.push({ app: FILE_LEVEL, path: key, message });
  }
  return { warnings, issues };
}

// pm2 silently ignores an --env name no app defines; usually it is a typo worth pointing out.
function unusedEnvNameWarning(entries: unknown[], envName: string | null, source: AppSource): string[] {
  if (envName === null || entries.some((entry) => isPlainObject(entry) && `env_${envName}` in entry)) return [];
  return [formatIssueLine(source, FILE_LEVEL, `no app defines "env_${envName}", so --env ${envName} changes nothing`)];
}
