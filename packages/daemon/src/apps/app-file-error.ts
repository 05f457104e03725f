import { SvctlError } from '@svctl/protocol';
import type { AppFileIssue, AppSource } from './types.js';

/** The `app` of issues about the file as a whole. */
export const FILE_LEVEL = '(file)';

/** `api.json: app "api": key "sutorestart" is not known (did you mean "autorestart"?)`. */
export function formatIssueLine(source: AppSource, app: string, message: string): string {
  return app === FILE_LEVEL ? `${source.displayName}: ${message}` : `${source.displayName}: app "${app}": ${message}`;
}

/** APP_FILE_INVALID listing every issue at once, one line each. */
export function appFileInvalid(source: AppSource, issues: AppFileIssue[]): SvctlError {
  const lines = issues.map((issue) => formatIssueLine(source, issue.app, issue.message));
  return new SvctlError('APP_FILE_INVALID', lines.join('\n'), { details: { file: source.file, errors: issues } });
}
