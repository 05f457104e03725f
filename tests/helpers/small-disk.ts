import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { TestContext } from 'node:test';

/**
 * A real small filesystem (tmpfs of `size`, e.g. "2m") mounted on a fresh folder, unmounted and
 * removed on cleanup. Needs root (CI and the dev sandbox run tests as root); fails loudly otherwise.
 */
export function mountSmallTmpfs(t: TestContext, size: string): string {
  const dir = fs.mkdtempSync('/tmp/svctl-disk-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    fs.rmdirSync(dir);
    throw new Error(`cannot mount a ${size} tmpfs on ${dir} (these tests need root): ${(error as Error).message}`);
  }
  t.after(() => {
    // Lazy: a file still open elsewhere must not keep the test's folder mounted.
    execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
    fs.rmdirSync(dir);
  });
  return dir;
}

/** Fills the filesystem holding `dir` up to its last `leaveBytes`, with a file the test deletes to give space back. */
export function fillDisk(dir: string, leaveBytes: number): string {
  const filler = path.join(dir, 'filler');
  const { bavail, bsize } = fs.statfsSync(dir);
  const bytes = bavail * bsize - leaveBytes;
  fs.writeFileSync(filler, Buffer.alloc(Math.max(0, bytes)));
  return filler;
}
