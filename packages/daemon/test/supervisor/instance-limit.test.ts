import assert from 'node:assert/strict';
import { test } from 'node:test';
import { APP_LIMITS, isSvctlError, type AppSpec } from '@svctl/protocol';
import { checkInstanceLimit, instancesAfterStart } from '../../src/supervisor/instance-limit.js';

const registered = (name: string, units: number, active: boolean) => ({ name, units: Array.from({ length: units }), isActive: () => active });
const incoming = (name: string, instances: number) => ({ name, instances }) as AppSpec;

test('instances after a start: new apps add theirs, an inactive app of the same name is replaced, an active one is left as it is', () => {
  const apps = [registered('api', 4, true), registered('old', 10, false)];
  assert.equal(instancesAfterStart(apps, []), 14);
  assert.equal(instancesAfterStart(apps, [incoming('new', 3)]), 17);
  assert.equal(instancesAfterStart(apps, [incoming('old', 2)]), 6);
  assert.equal(instancesAfterStart(apps, [incoming('api', 100)]), 14);
});

test('applying a file to running apps (startOrReload): an active app counts with the instances the file gives', () => {
  const apps = [registered('api', 4, true), registered('old', 10, false)];
  assert.equal(instancesAfterStart(apps, [incoming('api', 100)], true), 110);
  assert.equal(instancesAfterStart(apps, [incoming('api', 2), incoming('new', 1)], true), 13);
});

test('beyond the daemon-wide bound nothing starts: TOO_MANY_INSTANCES says how many and the limit', () => {
  checkInstanceLimit(APP_LIMITS.instancesPerDaemon);
  assert.throws(
    () => checkInstanceLimit(APP_LIMITS.instancesPerDaemon + 1),
    (error) => isSvctlError(error) && error.code === 'TOO_MANY_INSTANCES' && error.message === 'this would run 4097 instances, more than the 4096 the daemon allows; nothing was started',
  );
});
