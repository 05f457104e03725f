import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { execStart } from '../../src/export/systemd/exec-start.js';
import { exportSystemd } from '../../src/export/systemd/export-systemd.js';
import { appSpec } from './app-spec.js';

const OPTIONS = { user: 'shop', folder: '/etc/shop', source: '/srv/shop/app.json' };

function file(result: ReturnType<typeof exportSystemd>, name: string): string {
  const found = result.files.find((candidate) => candidate.name === name);
  assert.ok(found, `${name} among ${result.files.map((candidate) => candidate.name).join(', ')}`);
  return found.content;
}

describe('systemd units', () => {
  it('writes a service with the restart, stop and memory keys', () => {
    const unit = file(exportSystemd([appSpec({ kill_timeout: 3000, stop_signal: 'SIGINT', restart_delay: 500, max_memory_restart: 1_000_000, stop_exit_codes: [0, 3], max_restarts: 4, min_uptime: 2000 })], OPTIONS), 'api.service');
    for (const line of ['PartOf=svctl-default.target', 'StartLimitIntervalSec=8000ms', 'StartLimitBurst=5', 'Type=exec', 'User=shop', 'WorkingDirectory=/srv/shop', 'Environment=PATH=/usr/bin:/bin', 'ExecStart=/opt/node/bin/node /srv/shop/server.js', 'Restart=always', 'RestartSec=500ms', 'RestartPreventExitStatus=0 3', 'KillMode=mixed', 'KillSignal=SIGINT', 'TimeoutStopSec=3000ms', 'MemoryMax=1000000']) {
      assert.match(unit, new RegExp(`^${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'), line);
    }
    assert.match(file(exportSystemd([appSpec({ autorestart: false })], OPTIONS), 'api.service'), /^Restart=no$/m);
  });

  it('writes one unit per instance, with the instance variables, and a target wanting them all', () => {
    const result = exportSystemd([appSpec({ instances: 2, env: { PORT: '3000' }, increment_var: 'PORT', instance_var: 'WORKER' })], OPTIONS);
    assert.match(file(result, 'api-1.service'), /^Environment=PORT=3001$/m);
    assert.match(file(result, 'api-1.service'), /^Environment=WORKER=1$/m);
    assert.match(file(result, 'api-0.service'), /^Environment=NODE_APP_INSTANCE=0$/m);
    assert.match(file(result, 'svctl-default.target'), /^Wants=api-0.service api-1.service$/m);
  });

  it('keeps secret-looking variables out of the unit, in a 0600 environment file', () => {
    const result = exportSystemd([appSpec({ env: { DB_PASSWORD: 'p"a$s\\', COLOR: 'blue green' } })], OPTIONS);
    const unit = file(result, 'api.service');
    assert.doesNotMatch(unit, /DB_PASSWORD/);
    assert.match(unit, /^Environment="COLOR=blue green"$/m);
    assert.match(unit, /^EnvironmentFile=\/etc\/shop\/api.env$/m);
    assert.match(file(result, 'api.env'), /^DB_PASSWORD="p\\"a\\\$s\\\\"$/m);
    assert.equal(result.files.find((candidate) => candidate.name === 'api.env')?.secret, true);
  });

  it('orders and requires dependencies, and passes listen sockets through a socket unit', () => {
    const result = exportSystemd([appSpec({ name: 'db', instances: 2, listen: ['127.0.0.1:5432'] }), appSpec({ depends_on: { db: 'healthy' } })], OPTIONS);
    assert.match(file(result, 'api.service'), /^After=db-0.service db-1.service$/m);
    assert.match(file(result, 'api.service'), /^Requires=db-0.service db-1.service$/m);
    assert.match(file(result, 'db.socket'), /^ListenStream=127.0.0.1:5432$/m);
    assert.match(file(result, 'db.socket'), /^Service=db-0.service$/m);
    assert.match(file(result, 'db-1.service'), /^Sockets=db.socket$/m);
    assert.match(file(result, 'svctl-default.target'), /^Wants=db.socket db-0.service db-1.service api.service$/m);
  });

  it('leaves an app that does not autostart out of the target, and makes a target per namespace', () => {
    const result = exportSystemd([appSpec({ autostart: false }), appSpec({ name: 'web', namespace: 'shop' })], OPTIONS);
    assert.doesNotMatch(file(result, 'svctl-default.target'), /Wants=/);
    assert.match(file(result, 'svctl-shop.target'), /^Wants=web.service$/m);
  });

  it('appends output to the declared log files', () => {
    const unit = file(exportSystemd([appSpec({ out_file: '/var/log/a b.log', log_file: '/var/log/all.log' })], OPTIONS), 'api.service');
    assert.match(unit, /^StandardOutput="append:\/var\/log\/a b.log"$/m);
    assert.match(unit, /^StandardError=append:\/var\/log\/all.log$/m);
  });

  it('warns about keys without a counterpart and about the exponential backoff it cannot keep', () => {
    const { warnings } = exportSystemd([appSpec({ cron_restart: '0 3 * * *', exp_backoff_restart_delay: 200, readiness_probe: { exec: { command: 'true' }, initial_delay: 0, period: 1000, timeout: 1000, failure_threshold: 1, success_threshold: 1 } })], OPTIONS);
    assert.match(warnings.join('\n'), /^app "api": keys have no systemd counterpart and are left out:\n {2}cron_restart: .*\n {2}readiness_probe: systemd has no probes$/m);
    assert.match(warnings.join('\n'), /exp_backoff_restart_delay: RestartSec=200ms without the ×1.5 growth/);
    assert.deepEqual(exportSystemd([appSpec()], OPTIONS).warnings, []);
  });

  it('quotes ExecStart words and escapes $ and %, and looks a bare program up on PATH', () => {
    assert.equal(execStart(appSpec({ command: ['/bin/sh', '-c', 'echo $HOME 100%'] }), '').line, '/bin/sh -c "echo $$HOME 100%%"');
    assert.equal(execStart(appSpec({ command: ['sh', '-c', 'true'] }), '/nowhere:/bin').line, '/bin/sh -c true');
    assert.deepEqual(execStart(appSpec({ command: ['no-such-program-here'] }), '/bin'), { line: 'no-such-program-here', unresolved: 'no-such-program-here' });
  });
});
