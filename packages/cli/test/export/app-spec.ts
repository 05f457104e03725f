// A resolved app as the loader returns it, for the export unit tests: overrides on top of an app with
// every default (what `{ "script": "server.js" }` in /srv/shop/app.json resolves to).
import type { AppSpec } from '@svctl/protocol';

export function appSpec(overrides: Partial<AppSpec> = {}): AppSpec {
  return {
    name: 'api',
    namespace: 'default',
    script: '/srv/shop/server.js',
    args: [],
    interpreter: 'node',
    interpreter_args: [],
    command: ['/opt/node/bin/node', '/srv/shop/server.js'],
    shell: false,
    cwd: '/srv/shop',
    env: {},
    base_env: { PATH: '/usr/bin:/bin', HOME: '/root' },
    env_name: null,
    instances: 1,
    autorestart: true,
    stop_exit_codes: [],
    max_restarts: 16,
    min_uptime: 1000,
    restart_delay: null,
    exp_backoff_restart_delay: null,
    kill_timeout: 5000,
    stop_signal: 'SIGTERM',
    source_file: '/srv/shop/app.json',
    cluster_requested: false,
    exec_mode: 'fork',
    exec_mode_reason: 'the default',
    ...overrides,
  };
}

export const HOST = { root: '/srv/shop', node: '/opt/node/bin/node' };
