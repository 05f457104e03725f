import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { renderUnit, stopTimeoutSec } from '../../src/startup/unit-file.js';
import { detectVersionManager } from '../../src/startup/version-managers.js';

const base = { node: '/usr/bin/node', daemon: '/opt/svctl/bin/svctld.mjs', home: '/home/ann/.svctl', timeoutStopSec: 30, timeoutBasis: 'test', version: '1.0.0' };

describe('systemd unit file', () => {
  it('quotes paths with spaces and escapes systemd specifiers (%) and variables ($)', () => {
    const unit = renderUnit({ ...base, scope: 'system', user: 'ann', node: '/opt/my node/bin/node', home: '/srv/100%/home $x' });
    assert.match(unit, /^ExecStart="\/opt\/my node\/bin\/node" --max-semi-space-size=1 --max-opt=1 --expose-gc \/opt\/svctl\/bin\/svctld\.mjs --resurrect$/m);
    assert.match(unit, /^Environment="SVCTL_HOME=\/srv\/100%%\/home \$x"$/m);
    assert.match(unit, /^Environment=MALLOC_MMAP_THRESHOLD_=32768$/m);
    assert.match(unit, /^User=ann$/m);
  });

  it('passes an explicit config on and leaves User= out of user units', () => {
    const unit = renderUnit({ ...base, scope: 'user', config: '/etc/svctl.json' });
    assert.match(unit, /--resurrect --config \/etc\/svctl\.json$/m);
    assert.doesNotMatch(unit, /^User=/m);
    assert.match(unit, /^WantedBy=default\.target$/m);
  });

  it('keeps TimeoutStopSec above the longest kill_timeout plus the daemon\'s SIGKILL wait', () => {
    assert.equal(stopTimeoutSec(5000), 30);
    assert.equal(stopTimeoutSec(60_000), 75);
    assert.ok(stopTimeoutSec(16_500) * 1000 > 16_500 + 5000);
  });

  it('recognises node under nvm, n, volta, fnm and asdf, and not a system node', () => {
    const cases: Array<[string, string | null]> = [
      ['/home/ann/.nvm/versions/node/v20.20.2/bin/node', 'nvm'],
      ['/usr/local/n/versions/node/20.20.2/bin/node', 'n'],
      ['/home/ann/.volta/tools/image/node/20.20.2/bin/node', 'volta'],
      ['/home/ann/.local/share/fnm/node-versions/v20.20.2/installation/bin/node', 'fnm'],
      ['/run/user/1000/fnm_multishells/123_456/bin/node', 'fnm'],
      ['/home/ann/.asdf/installs/nodejs/20.20.2/bin/node', 'asdf'],
      ['/usr/bin/node', null],
      ['/usr/local/bin/node', null],
    ];
    for (const [file, manager] of cases) assert.equal(detectVersionManager(file), manager, file);
  });

  it('matches the reviewed example in examples/systemd/svctld.service', () => {
    const example = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../examples/systemd/svctld.service');
    const unit = renderUnit({
      scope: 'system',
      user: 'deploy',
      node: '/usr/bin/node',
      daemon: '/usr/lib/node_modules/@svctl/daemon/bin/svctld.mjs',
      home: '/home/deploy/.svctl',
      timeoutStopSec: 30,
      timeoutBasis: 'longest kill_timeout of the running apps is 5000 ms',
      version: '0.1.0',
    });
    assert.equal(fs.readFileSync(example, 'utf8'), unit);
  });
});
