// docs/configuration.md is generated from the settings module: fresh, its example config file valid, and every
// flag `svctld --help` offers documented.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { resolveSettings } from '@svctl/protocol';
import { CONFIGURATION_DOC, EXAMPLE_CONFIG, generateConfigurationDoc } from '../../scripts/generate-config-docs.js';
import { DAEMON_BIN } from '../helpers/paths.js';

describe('docs/configuration.md', () => {
  it('is up to date (run npm run generate)', () => {
    assert.equal(fs.readFileSync(CONFIGURATION_DOC, 'utf8'), generateConfigurationDoc());
  });

  it('its example config file is accepted as it is written', () => {
    const { values, sources } = resolveSettings({ flags: {}, env: {}, readFile: () => JSON.stringify(EXAMPLE_CONFIG) });
    assert.equal(values.http_listen, '127.0.0.1:9615');
    assert.equal(values.http_tls_cert, '/etc/svctl/cert.pem');
    assert.equal(sources.monitor_interval.source, 'file');
  });

  it('documents every flag of svctld --help', () => {
    const help = execFileSync(process.execPath, [DAEMON_BIN, '--help'], { encoding: 'utf8' });
    const flags = [...help.matchAll(/^ {2}(--[a-z-]+)/gm)].map((match) => match[1] ?? '').filter((flag) => flag !== '--help' && flag !== '--version');
    assert.ok(flags.length > 20, help);
    const doc = fs.readFileSync(CONFIGURATION_DOC, 'utf8');
    assert.deepEqual(flags.filter((flag) => !doc.includes(`| \`${flag}\` |`)), []);
  });
});
