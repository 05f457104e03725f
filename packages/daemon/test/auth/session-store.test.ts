import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SESSION_TTL_MS, SessionStore, csrfMatches, type SessionToken } from '../../src/auth/session-store.js';

const ops: SessionToken = { name: 'ops', role: 'admin', created_at: '2026-01-01T00:00:00.000Z' };

describe('SessionStore', () => {
  it('finds a session by its id until it expires, and never by its CSRF token', () => {
    let now = 1_000;
    const store = new SessionStore(() => true, () => now);
    const { id, session } = store.create(ops);
    assert.notEqual(id, session.csrf);
    assert.deepEqual(store.find(id)?.token, ops);
    assert.equal(store.find(session.csrf), undefined);
    now += SESSION_TTL_MS - 1;
    assert.ok(store.find(id) !== undefined);
    now += 1;
    assert.equal(store.find(id), undefined, 'expired');
    assert.equal(store.size, 0, 'and forgotten');
  });

  it('ends a session on sign-out, and when its token is no longer current', () => {
    let current = true;
    const store = new SessionStore(() => current, () => 0);
    const first = store.create(ops);
    const second = store.create(ops);
    assert.equal(store.end(first.id), true);
    assert.equal(store.end(first.id), false);
    assert.equal(store.find(first.id), undefined);
    assert.ok(store.find(second.id) !== undefined);
    current = false;
    assert.equal(store.find(second.id), undefined, 'the token was revoked');
  });

  it('closes what was registered for a session when it ends, and only that session', () => {
    let now = 0;
    const store = new SessionStore(() => true, () => now);
    const first = store.create(ops);
    const second = store.create(ops);
    const closed: string[] = [];
    store.onEnd(first.id, () => closed.push('first'));
    const unregister = store.onEnd(second.id, () => closed.push('second, unregistered'));
    unregister();
    store.onEnd(second.id, () => closed.push('second'));
    store.end(first.id);
    assert.deepEqual(closed, ['first']);
    now += SESSION_TTL_MS;
    assert.equal(store.find(second.id), undefined);
    assert.deepEqual(closed, ['first', 'second'], 'an expired session found again closes too');
  });

  it('compares CSRF tokens exactly', () => {
    const { session } = new SessionStore(() => true, () => 0).create(ops);
    assert.equal(csrfMatches(session, session.csrf), true);
    assert.equal(csrfMatches(session, undefined), false);
    assert.equal(csrfMatches(session, `${session.csrf}x`), false);
    assert.equal(csrfMatches(session, session.csrf.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'))), false);
  });
});
