// Schema validation of one app entry (schema-issues.ts does the work).
import { AppFileEntrySchema } from '@svctl/protocol';
import { suggestEntryKey } from './entry-keys.js';
import { schemaIssues } from './schema-issues.js';
import type { AppFileIssue } from './types.js';

export function validateEntry(entry: Record<string, unknown>, app: string): AppFileIssue[] {
  return schemaIssues(entry, { schema: AppFileEntrySchema, label: app, suggest: suggestEntryKey });
}
