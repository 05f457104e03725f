import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SVCTL_VERSION } from '../src/version.js';

it('SVCTL_VERSION equals the version of all three packages', () => {
  const packages = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  for (const name of ['protocol', 'daemon', 'cli']) {
    const manifest = JSON.parse(fs.readFileSync(path.join(packages, name, 'package.json'), 'utf8')) as { version: string };
    assert.equal(manifest.version, SVCTL_VERSION, `@svctl/${name}`);
  }
});
