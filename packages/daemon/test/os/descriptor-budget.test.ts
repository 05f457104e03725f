import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DESCRIPTOR_RESERVE, DESCRIPTORS_PER_SPAWN, findDescriptorShortage, LOG_FILES_PER_CHILD, parseSoftFileLimit } from '../../src/os/descriptor-budget.js';

const LIMITS = `Limit                     Soft Limit           Hard Limit           Units
Max processes             63498                63498                processes
Max open files            256                  4096                 files
Max locked memory         8388608              8388608              bytes
`;

test('the soft RLIMIT_NOFILE is read from /proc/<pid>/limits; unlimited or unreadable means no budget', () => {
  assert.equal(parseSoftFileLimit(LIMITS), 256);
  assert.equal(parseSoftFileLimit(LIMITS.replace('256  ', 'unlimited')), null);
  assert.equal(parseSoftFileLimit(''), null);
});

test('a spawn fits while the open descriptors, the log files children may still open, its own and the reserve stay within the limit', () => {
  const limit = 256;
  const children = 10;
  const fits = limit - children * LOG_FILES_PER_CHILD - DESCRIPTORS_PER_SPAWN - DESCRIPTOR_RESERVE;
  assert.equal(findDescriptorShortage({ limit, open: fits, children }), null);
  const reason = findDescriptorShortage({ limit, open: fits + 1, children });
  assert.match(reason ?? '', /^spawn EMFILE: the daemon's descriptor budget is spent \(\d+ open, 10 children, soft RLIMIT_NOFILE 256, 64 kept for clients\); raise the daemon's ulimit -n/);
  assert.equal(findDescriptorShortage({ limit: null, open: 1e6, children: 1e6 }), null);
});
