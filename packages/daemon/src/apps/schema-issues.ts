// Schema validation of one object of an app file (an app, a deploy target), turned into issues users
// can act on: one per key, with what was expected, what was found and, for an unknown key, the closest known one.
import type { TSchema } from '@sinclair/typebox';
import { compileValidator, type SchemaIssue } from '@svctl/protocol';
import { describeExpected, schemaAtPath } from './describe-expected.js';
import { describeValue } from './describe-value.js';
import type { AppFileIssue } from './types.js';

export interface SchemaCheck {
  schema: TSchema;
  /** Labels the issues (`app` of AppFileIssue). */
  label: string;
  /** The closest known key to an unknown one. */
  suggest: (key: string) => string | undefined;
}

export function schemaIssues(value: Record<string, unknown>, check: SchemaCheck): AppFileIssue[] {
  const issues = compileValidator(check.schema)(value);
  return onePerKey(issues).map((issue) => toAppFileIssue(issue, value, check));
}

// A failed anyOf also reports each branch's failure; only the anyOf (all alternatives) helps users.
function onePerKey(issues: SchemaIssue[]): SchemaIssue[] {
  const anyOfPaths = issues.filter((issue) => issue.keyword === 'anyOf').map((issue) => issue.path);
  const seen = new Set<string>();
  return issues
    .filter((issue) => issue.keyword === 'anyOf' || !anyOfPaths.some((path) => isAtOrUnder(issue.path, path)))
    .filter((issue) => !seen.has(issue.path) && seen.add(issue.path));
}

function isAtOrUnder(path: string, parent: string): boolean {
  return path === parent || path.startsWith(`${parent}.`) || path.startsWith(`${parent}[`);
}

function toAppFileIssue(issue: SchemaIssue, entry: Record<string, unknown>, check: SchemaCheck): AppFileIssue {
  const app = check.label;
  const found = describeValue(valueAtPath(entry, issue.path));
  if (issue.keyword === 'additionalProperties') {
    const suggestion = check.suggest(issue.path);
    const hint = suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
    return { app, path: issue.path, message: `key "${issue.path}" is not known${hint}`, found, ...(suggestion === undefined ? {} : { suggestion }) };
  }
  const schema = schemaAtPath(check.schema, issue.path);
  const expected = schema === undefined ? issue.message : describeExpected(schema);
  if (issue.keyword === 'required') return { app, path: issue.path, message: `key "${issue.path}" is missing (expected ${expected})`, expected, found };
  return { app, path: issue.path, message: `key "${issue.path}" must be ${expected}, found ${found}`, expected, found };
}

function valueAtPath(value: unknown, path: string): unknown {
  let current = value;
  for (const segment of path.split(/\.|(?=\[)/)) {
    if (segment === '') continue;
    const key = segment.startsWith('[') ? segment.slice(1, -1) : segment;
    current = typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[key] : undefined;
  }
  return current;
}
