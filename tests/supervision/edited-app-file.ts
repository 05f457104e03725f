// What the apply-file tests share: an ecosystem.config.js with one app ("api") that a test edits while it runs,
// and a wait for instances that run new processes.
import fs from 'node:fs';
import path from 'node:path';
import type { TestContext } from 'node:test';
import type { InstanceRow } from '@svctl/protocol';
import { isOnline, waitForInstances, writeAppFile } from '../helpers/apps.js';
import { FIXTURES } from '../helpers/paths.js';

export interface Api {
  instances: number;
  env: Record<string, string>;
  production: Record<string, string>;
}

function ecosystem(api: Api): string {
  const app = { name: 'api', script: path.join(FIXTURES, 'forever.js'), instances: api.instances, env: api.env, env_production: api.production };
  return `module.exports = { apps: [${JSON.stringify(app)}] };\n`;
}

/** An ecosystem.config.js with one app, and a way to edit it. */
export function deployed(t: TestContext, api: Api) {
  const file = writeAppFile(t, ecosystem(api), 'ecosystem.config.js');
  return { file, cwd: path.dirname(file), edit: (next: Api) => fs.writeFileSync(file, ecosystem(next)) };
}

/** The api instances once they all run processes other than `old`. */
export function replaced(home: string, old: readonly InstanceRow[], count: number): Promise<InstanceRow[]> {
  const pids = new Set(old.map((row) => row.pid));
  return waitForInstances({ home }, 'api', (row) => isOnline(row) && !pids.has(row.pid), count);
}
