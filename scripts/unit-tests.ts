// Every unit test file of packages/*/test, run in one node:test process (scripts/test.sh passes this file
// beside the end-to-end files). Node 20's --test starts one process per file, and loading tsx and the sources
// again cost ~1.5 s of CPU for each of ~100 unit files whose tests run in well under a second each; here they
// are loaded once. Each file's top-level tests still run one after another, as in its own process.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(full);
    return entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

const packages = path.join(root, 'packages');
const files = fs
  .readdirSync(packages)
  .map((name) => path.join(packages, name, 'test'))
  .filter((dir) => fs.existsSync(dir))
  .flatMap(testFiles)
  .sort();
if (files.length === 0) throw new Error(`no unit test files under ${packages}/*/test`);
for (const file of files) await import(pathToFileURL(file).href);
