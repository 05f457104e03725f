import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { SvctlError } from '@svctl/protocol';
import { TokenStore } from '../../src/auth/token-store.js';

function home(t: { after: (fn: () => void) => void }): string {
  const dir = fs.mkdtempSync('/tmp/svctl-tokens-');
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('TokenStore', () => {
  it('creates tokens kept as hashes (0600), verifies them after a reload, and revokes them', (t) => {
    const dir = home(t);
    const store = TokenStore.open(dir);
    const token = store.create('grafana', 'read', new Date('2026-01-01T00:00:00Z'));
    const text = fs.readFileSync(path.join(dir, 'tokens.json'), 'utf8');
    assert.ok(!text.includes(token));
    assert.equal(fs.statSync(path.join(dir, 'tokens.json')).mode & 0o777, 0o600);
    const reopened = TokenStore.open(dir);
    const verified = reopened.verify(token);
    assert.deepEqual(verified, { name: 'grafana', role: 'read', created_at: '2026-01-01T00:00:00.000Z' });
    assert.equal(reopened.verify(`${token}x`), undefined);
    assert.deepEqual(reopened.list(), [{ name: 'grafana', role: 'read', created_at: '2026-01-01T00:00:00.000Z' }]);
    assert.throws(() => reopened.create('grafana', 'admin', new Date()), /already exists/);
    assert.equal(reopened.isCurrent(verified), true);
    reopened.revoke('grafana');
    assert.equal(reopened.verify(token), undefined);
    assert.equal(reopened.isCurrent(verified), false, 'a revoked token is no longer current');
    assert.throws(() => reopened.revoke('grafana'), /no token named grafana/);
    reopened.create('grafana', 'read', new Date('2026-02-01T00:00:00Z'));
    assert.equal(reopened.isCurrent(verified), false, 'nor is it when a token of the same name is made again');
  });

  it('refuses a tokens.json that is a symlink or malformed', (t) => {
    const dir = home(t);
    fs.writeFileSync(path.join(dir, 'elsewhere.json'), '{"tokens": []}');
    fs.symlinkSync(path.join(dir, 'elsewhere.json'), path.join(dir, 'tokens.json'));
    assert.throws(() => TokenStore.open(dir), /cannot read .*tokens\.json \(ELOOP: it is a symbolic link/);
    fs.rmSync(path.join(dir, 'tokens.json'));
    fs.writeFileSync(path.join(dir, 'tokens.json'), '{"tokens": [{"name": "x", "role": "root"}]}');
    assert.throws(() => TokenStore.open(dir), /role read or admin/);
  });

  it('names tokens.json and says how to fix it when it is a directory (no bare EISDIR)', (t) => {
    const dir = home(t);
    fs.mkdirSync(path.join(dir, 'tokens.json'));
    assert.throws(
      () => TokenStore.open(dir),
      (error) =>
        (error as SvctlError).code === 'CONFIG_INVALID' &&
        (error as SvctlError).message === `cannot read ${path.join(dir, 'tokens.json')} (EISDIR: it is a directory, not a file)` &&
        /move it aside/.test((error as SvctlError).hint ?? ''),
    );
  });
});
