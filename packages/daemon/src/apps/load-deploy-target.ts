// `svctl deploy FILE ENV`: the file's `deploy.<ENV>` target, validated and resolved for the CLI.
// The file is read like any app file (JS evaluated, JSON5, YAML) and needs no apps.
import { DeployTargetEntrySchema, IGNORED_DEPLOY_KEYS, suggestKey, SvctlError, type DeployLoadRequest, type DeployLoadResult } from '@svctl/protocol';
import { fileSource } from './app-source.js';
import { describeValue } from './describe-value.js';
import { isPlainObject } from './extract-entries.js';
import { readAppFile } from './read-app-file.js';
import { resolveDeployTarget } from './resolve-deploy-target.js';
import { schemaIssues } from './schema-issues.js';
import type { AppFileIssue, AppSource } from './types.js';

const DEPLOY_KEYS = Object.keys(DeployTargetEntrySchema.properties);

export async function loadDeployTarget(request: DeployLoadRequest): Promise<DeployLoadResult> {
  const raw = await readAppFile(request.file, { cwd: request.cwd, env: request.env });
  const source = fileSource(raw.file, request.cwd);
  const label = `deploy "${request.target}"`;
  const section = isPlainObject(raw.content) ? raw.content.deploy : undefined;
  if (!isPlainObject(section)) {
    const message = section === undefined ? 'the file has no "deploy" section' : `"deploy" must be an object of targets, found ${describeValue(section)}`;
    throw deployInvalid(source, request.target, [{ app: 'deploy', path: 'deploy', message }]);
  }
  const entry = Object.hasOwn(section, request.target) ? section[request.target] : undefined;
  if (!isPlainObject(entry)) {
    const defined = Object.keys(section);
    const message =
      entry === undefined
        ? `is not defined (the "deploy" section defines ${defined.length === 0 ? 'no target' : defined.map((name) => `"${name}"`).join(', ')})`
        : `must be an object, found ${describeValue(entry)}`;
    throw deployInvalid(source, request.target, [{ app: label, path: '', message }]);
  }
  const warnings: string[] = [];
  const kept = Object.fromEntries(
    Object.entries(entry).filter(([key]) => {
      const why = Object.hasOwn(IGNORED_DEPLOY_KEYS, key) ? IGNORED_DEPLOY_KEYS[key] : undefined;
      if (why !== undefined) warnings.push(`${source.displayName}: ${label}: key "${key}" is ignored (${why})`);
      return why === undefined;
    }),
  );
  const issues = schemaIssues(kept, { schema: DeployTargetEntrySchema, label, suggest: (key) => suggestKey(key, DEPLOY_KEYS) });
  if (issues.length > 0) throw deployInvalid(source, request.target, issues);
  const resolved = resolveDeployTarget(kept, { name: request.target, cwd: request.cwd, env: request.env });
  return { file: raw.file, deploy: resolved.spec, warnings: [...warnings, ...resolved.warnings.map((warning) => `${source.displayName}: ${label}: ${warning}`)] };
}

/** APP_FILE_INVALID naming the file, the deploy target and each field. */
function deployInvalid(source: AppSource, target: string, issues: AppFileIssue[]): SvctlError {
  const lines = issues.map((issue) => `${source.displayName}: ${issue.app}: ${issue.message}`);
  return new SvctlError('APP_FILE_INVALID', lines.join('\n'), { details: { file: source.file, deploy: target, errors: issues } });
}
