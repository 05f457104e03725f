// Where an export goes: files in --out DIR (created if missing; secret-bearing files 0600), or stdout,
// each file after a `# ==> NAME <==` header line (a YAML and unit-file comment).
import fs from 'node:fs';
import path from 'node:path';
import { SvctlError } from '@svctl/protocol';
import type { ExportFile } from './shared/export-result.js';

export function writeToFolder(folder: string, files: readonly ExportFile[]): string[] {
  try {
    fs.mkdirSync(folder, { recursive: true });
    return files.map((file) => {
      const target = path.join(folder, file.name);
      // Removed first, so an existing file's looser mode is not kept.
      fs.rmSync(target, { force: true });
      fs.writeFileSync(target, file.content, { mode: file.secret ? 0o600 : 0o644, flag: 'wx' });
      return target;
    });
  } catch (error) {
    throw new SvctlError('USAGE', `--out ${folder}: cannot write the export there (${(error as Error).message})`);
  }
}

export function renderForStdout(files: readonly ExportFile[]): string {
  return files.map((file) => `# ==> ${file.name} <==\n${file.content}`).join('\n');
}
