import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SvctlError } from '../../src/errors.js';
import { resolveSettings, type SettingsInput } from '../../src/settings/resolve.js';

function input(overrides: Partial<SettingsInput> & { files?: Record<string, string> } = {}): SettingsInput {
  const files = overrides.files ?? {};
  return { flags: overrides.flags ?? {}, env: overrides.env ?? { SVCTL_HOME: '/h' }, readFile: (path) => files[path] };
}

function configError(run: () => unknown): SvctlError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof SvctlError);
    assert.equal(error.code, 'CONFIG_INVALID');
    return error;
  }
  assert.fail('expected CONFIG_INVALID');
}

describe('resolveSettings precedence', () => {
  const file = { '/h/config.json': JSON.stringify({ log_level: 'warn', timeout: 5000, daemon_log_max_files: 7 }) };

  it('takes flags over environment over file over defaults, and says where each came from', () => {
    const { values, sources } = resolveSettings(
      input({ flags: { timeout: 1234 }, env: { SVCTL_HOME: '/h', SVCTL_LOG_LEVEL: 'debug', SVCTL_TIMEOUT: '999' }, files: file }),
    );
    assert.equal(values.timeout, 1234);
    assert.deepEqual(sources.timeout, { value: 1234, source: 'flag', origin: '--timeout' });
    assert.equal(values.log_level, 'debug');
    assert.deepEqual(sources.log_level, { value: 'debug', source: 'env', origin: 'SVCTL_LOG_LEVEL' });
    assert.equal(values.daemon_log_max_files, 7);
    assert.deepEqual(sources.daemon_log_max_files, { value: 7, source: 'file', origin: '/h/config.json' });
    assert.equal(values.autostart, true);
    assert.equal(sources.autostart.source, 'default');
    assert.equal(values.home, '/h');
    assert.equal(sources.home.origin, 'SVCTL_HOME');
  });

  it('reads the config file named by --config instead of the one in home', () => {
    const { values, configPath } = resolveSettings(input({ flags: { config: '/etc/svctl.json' }, files: { '/etc/svctl.json': '{"log_level":"error"}' } }));
    assert.equal(configPath, '/etc/svctl.json');
    assert.equal(values.log_level, 'error');
  });

  it('reads a group object in the config file as flat settings ("http": {"listen", "tls": {"cert"}})', () => {
    const text = JSON.stringify({ http: { listen: '127.0.0.1:9615', tls: { cert: '/c.pem', key: '/k.pem' }, burst: 5 } });
    const { values, sources } = resolveSettings(input({ files: { '/h/config.json': text } }));
    assert.deepEqual([values.http_listen, values.http_tls_cert, values.http_tls_key, values.http_burst], ['127.0.0.1:9615', '/c.pem', '/k.pem', 5]);
    assert.equal(sources.http_listen.origin, '/h/config.json');
    assert.match(configError(() => resolveSettings(input({ files: { '/h/config.json': '{"http": {"lisen": "x"}}' } }))).message, /unknown setting "http_lisen"/);
  });

  it('coerces environment text to numbers and booleans', () => {
    const { values } = resolveSettings(input({ env: { SVCTL_HOME: '/h', SVCTL_TIMEOUT: '2500', SVCTL_AUTOSTART: 'false' } }));
    assert.equal(values.timeout, 2500);
    assert.equal(values.autostart, false);
  });
});

describe('resolveSettings rejects bad values with the setting, the value and the source', () => {
  it('from the environment', () => {
    const error = configError(() => resolveSettings(input({ env: { SVCTL_HOME: '/h', SVCTL_LOG_LEVEL: 'loud' } })));
    assert.match(error.message, /"loud"/);
    assert.match(error.message, /log_level/);
    assert.match(error.message, /environment variable SVCTL_LOG_LEVEL/);
    assert.match(error.message, /"debug", "info", "warn", "error"/);
  });

  it('from a flag', () => {
    const error = configError(() => resolveSettings(input({ flags: { timeout: 5 } })));
    assert.match(error.message, /setting timeout \(from flag --timeout\)/);
  });

  it('from the config file, including unknown keys and keys that cannot live there', () => {
    assert.match(configError(() => resolveSettings(input({ files: { '/h/config.json': '{"timeout":"soon"}' } }))).message, /config file \/h\/config.json/);
    assert.match(configError(() => resolveSettings(input({ files: { '/h/config.json': '{"log_levl":"info"}' } }))).message, /unknown setting "log_levl"/);
    assert.match(configError(() => resolveSettings(input({ files: { '/h/config.json': '{"home":"/x"}' } }))).message, /cannot be set in the config file/);
    assert.match(configError(() => resolveSettings(input({ files: { '/h/config.json': '{oops' } }))).message, /not valid JSON/);
  });

  it('when an explicitly named config file is missing', () => {
    assert.match(configError(() => resolveSettings(input({ flags: { config: '/nope.json' } }))).message, /\/nope.json.*does not exist/);
  });
});

describe('resolveSettings bounds sizes and durations past what the daemon can hold', () => {
  it('refuses a timer duration over 2^31-1 ms, a size past 2^53-1 bytes and a log ring over 1G, saying the most', () => {
    const stall = configError(() => resolveSettings(input({ flags: { rpc_stall_timeout: '40d' } })));
    assert.match(stall.message, /invalid value "40d" for setting rpc_stall_timeout \(from flag --rpc-stall-timeout\): must be at most 24d \(2\^31-1 ms/);
    assert.match(configError(() => resolveSettings(input({ env: { SVCTL_HOME: '/h', SVCTL_MONITOR_INTERVAL: '3000000000' } }))).message, /monitor_interval .*must be at most 24d/);
    assert.match(configError(() => resolveSettings(input({ flags: { log_max_size: '9999999999G' } }))).message, /log_max_size .*must be at most 8388607G/);
    assert.match(configError(() => resolveSettings(input({ files: { '/h/config.json': '{"log_ring_size":"2G"}' } }))).message, /log_ring_size \(from config file \/h\/config.json\): must be at most 1G/);
  });

  it('refuses an alert rule whose timeout a timer cannot hold, naming the rule', () => {
    const alerts = JSON.stringify([{ name: 'pager', on: ['crash'], webhook: 'https://hooks.example.com/x', timeout: '40d' }]);
    assert.match(configError(() => resolveSettings(input({ env: { SVCTL_HOME: '/h', SVCTL_ALERTS: alerts } }))).message, /setting alerts .*rule pager timeout must be at most 24d \(2\^31-1 ms, the longest a timer waits\), found "40d"/);
  });

  it('accepts the largest values', () => {
    const { values } = resolveSettings(input({ flags: { rpc_stall_timeout: '24d', log_ring_size: '1G', rpc_max_unread_total: '8388607G', log_max_age: '365d' } }));
    assert.equal(values.rpc_stall_timeout, '24d');
    assert.equal(values.log_ring_size, '1G');
  });
});
