import fs from 'node:fs';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { isSvctlError, type ErrorName, type SvctlError } from '@svctl/protocol';

/** A fresh folder under /tmp holding the given files, removed when the test ends. */
export function tempProject(t: TestContext, files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync('/tmp/svctl-');
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** The environment a CLI would send: a known HOME for `~`, and PATH. */
export function cliEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  return { HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin', ...extra };
}

/** Runs fn, asserting it throws an SvctlError with that code, and returns the error. */
export async function rejectsWith(code: ErrorName, fn: () => unknown): Promise<SvctlError> {
  try {
    await fn();
  } catch (error) {
    if (isSvctlError(error) && error.code === code) return error;
    throw error;
  }
  throw new Error(`expected ${code}, but nothing was thrown`);
}

export interface IssueDetails {
  file: string;
  errors: Array<{ app: string; path: string; message: string; expected?: string; found?: string; suggestion?: string }>;
}

export function issuesOf(error: SvctlError): IssueDetails {
  return error.details as IssueDetails;
}
