// Bounds only the resolved app shows: instances after `max` or a negative count, the default name
// taken from the script, and the size of the whole spec (with the CLI environment it carries).
import { APP_LIMITS, isValidName, NAME_RULE, type AppSpec } from '@svctl/protocol';
import { describeValue } from './describe-value.js';
import type { AppFileIssue } from './types.js';

export function findSpecBoundIssues(spec: AppSpec, nameGiven: boolean, app: string): AppFileIssue[] {
  const issues: AppFileIssue[] = [];
  if (spec.instances > APP_LIMITS.instancesPerApp) {
    issues.push({ app, path: 'instances', message: `key "instances" resolves to ${spec.instances} instances, more than the ${APP_LIMITS.instancesPerApp} an app may have`, expected: `at most ${APP_LIMITS.instancesPerApp} instances`, found: String(spec.instances) });
  }
  // A given name was checked by the schema; the default one comes from the script's file name.
  if (!nameGiven && !isValidName(spec.name)) {
    issues.push({ app, path: 'name', message: `the default name ${describeValue(spec.name)} (from the script) is not a valid name: set "name" to ${NAME_RULE}`, expected: NAME_RULE, found: describeValue(spec.name) });
  }
  const bytes = Buffer.byteLength(JSON.stringify(spec));
  if (bytes > APP_LIMITS.specBytes) {
    issues.push({ app, path: '', message: `the resolved app is ${bytes} bytes (env, args and the CLI environment it carries), more than ${APP_LIMITS.specBytes}`, expected: `at most ${APP_LIMITS.specBytes} bytes`, found: `${bytes} bytes` });
  }
  return issues;
}

