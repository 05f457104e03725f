// App files for the export tests: every example, and a file that sets the keys each mapping table is about.
import fs from 'node:fs';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { EXAMPLES } from '../helpers/paths.js';

/** examples/*.json and the pm2 ecosystem file. */
export function exampleFiles(): string[] {
  const files = fs.readdirSync(EXAMPLES).filter((name) => name.endsWith('.json') && name !== 'package.json');
  return [...files.map((name) => path.join(EXAMPLES, name)), path.join(EXAMPLES, 'ecosystem.config.js')];
}

export const RICH_APPS = {
  apps: [
    {
      name: 'shop-api',
      script: 'server.js',
      instances: 3,
      kill_timeout: '12s',
      max_memory_restart: '300M',
      env: { PORT: 3000, DB_PASSWORD: 'hunter2', COLOR: 'blue' },
      env_production: { PORT: 8080 },
      listen: '0.0.0.0:8080',
      wait_ready: true,
      listen_timeout: '8s',
      readiness_probe: { http_get: { url: 'http://127.0.0.1:8080/health' }, period: '5s', failure_threshold: 4, timeout: '2s' },
      liveness_probe: { tcp_socket: { port: 8080 }, initial_delay: '10s', period: '20s' },
      cron_restart: '0 3 * * *',
      watch: true,
    },
    { name: 'migrate', script: 'migrate.js', autorestart: false, namespace: 'jobs', depends_on: { 'shop-api': 'started' } },
  ],
};

/** A folder with RICH_APPS as rich.json and the scripts it names; removed after the test. */
export function richAppFile(t: TestContext): string {
  const folder = fs.mkdtempSync('/tmp/svctl-export-');
  t.after(() => fs.rmSync(folder, { recursive: true, force: true }));
  for (const script of ['server.js', 'migrate.js']) fs.writeFileSync(path.join(folder, script), '');
  fs.writeFileSync(path.join(folder, 'rich.json'), JSON.stringify(RICH_APPS));
  return path.join(folder, 'rich.json');
}
