import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DescriptorBudget, DESCRIPTOR_RESERVE, DESCRIPTORS_PER_SPAWN, findDescriptorShortage, LOG_FILES_PER_CHILD, parseSoftFileLimit, RECOUNT_MS } from '../../src/os/descriptor-budget.js';

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

test('far from the limit, /proc/self/fd is listed at most once per RECOUNT_MS; near it, before every spawn', () => {
  let clock = 0;
  let open = 100;
  let listings = 0;
  const budget = new DescriptorBudget(() => {
    listings++;
    return open;
  }, () => clock);
  for (let spawn = 0; spawn < 50; spawn++) assert.equal(budget.admit(65536, spawn), null);
  assert.equal(listings, 1, 'one listing for 50 spawns within a second');
  clock += RECOUNT_MS;
  assert.equal(budget.admit(65536, 50), null);
  assert.equal(listings, 2, 'a stale count is refreshed');

  // Near the limit the estimate (last count + DESCRIPTORS_PER_SPAWN per spawn) no longer fits: recounted.
  const limit = 256;
  open = limit - 2 * DESCRIPTORS_PER_SPAWN - DESCRIPTOR_RESERVE;
  clock += RECOUNT_MS;
  const before = listings;
  assert.equal(budget.admit(limit, 0), null); // stale: counted (176 open), fits
  assert.equal(budget.admit(limit, 0), null); // estimate 184 open: fits without a listing
  assert.equal(listings - before, 1);
  assert.equal(budget.admit(limit, 0), null); // estimate 192 would not fit: counted again (still 176), fits
  assert.equal(listings - before, 2);
  open = limit; // the children really opened their descriptors
  assert.equal(budget.admit(limit, 0), null); // estimate 184 fits
  assert.match(budget.admit(limit, 0) ?? '', /^spawn EMFILE/); // estimate 192 does not: counted, 256 open
  assert.equal(listings - before, 3);
});
