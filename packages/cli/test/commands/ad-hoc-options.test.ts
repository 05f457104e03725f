import assert from 'node:assert/strict';
import { it } from 'node:test';
import { adHocKeys } from '../../src/commands/ad-hoc-options.js';

it('pm2 flags become the app keys pm2 sets, in the types the app file schema takes', () => {
  const keys = adHocKeys({
    instances: '2',
    'max-memory-restart': '200M',
    time: true,
    output: './out.log',
    error: 'err.log',
    log: '',
    'cron-restart': '0 3 * * *',
    watch: 'src,lib',
    'ignore-watch': 'node_modules tmp',
    autorestart: false,
    'node-args': '--inspect',
    'kill-timeout': '3000',
    'restart-delay': '2s',
    'max-restarts': '4',
    'wait-ready': true,
    name: 'api',
  });
  assert.deepEqual(keys, {
    instances: '2',
    max_memory_restart: '200M',
    time: true,
    out_file: './out.log',
    error_file: 'err.log',
    log_file: true,
    cron_restart: '0 3 * * *',
    watch: ['src', 'lib'],
    ignore_watch: ['node_modules', 'tmp'],
    autorestart: false,
    node_args: '--inspect',
    kill_timeout: 3000,
    restart_delay: '2s',
    max_restarts: 4,
    wait_ready: true,
  });
});

it('a bare --watch watches the cwd; a value that is not a number is left for the schema to refuse', () => {
  assert.deepEqual(adHocKeys({ watch: '', 'max-restarts': 'many', 'min-uptime': ['1s', '500'] }), { watch: true, max_restarts: 'many', min_uptime: 500 });
});
