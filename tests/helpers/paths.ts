import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI_BIN = path.join(REPO_ROOT, 'packages/cli/bin/svctl.cjs');
export const DAEMON_BIN = path.join(REPO_ROOT, 'packages/daemon/bin/svctld.mjs');
export const FIXTURES = path.join(REPO_ROOT, 'tests/fixtures');
export const EXAMPLES = path.join(REPO_ROOT, 'examples');
/** The container entry point as `npm install -g @svctl/cli` installs it (a shell script; docs/runtime.md). */
export const RUNTIME_BIN = path.join(REPO_ROOT, 'packages/cli/bin/svctl-runtime');
