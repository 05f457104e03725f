import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ListenAddress, ListenOutcome } from '../../src/os/seam.js';
import { HeldSockets } from '../../src/sockets/held-sockets.js';
import { FakeOs } from '../fakes/fake-os.js';

const request = { command: ['python3', 'app.py'], cwd: '/srv', env: { A: '1' }, shell: false };

describe('HeldSockets', () => {
  it('opens the sockets once, before the first spawn, and passes them to every spawn in listen order', async () => {
    const os = new FakeOs();
    let opened = 0;
    const open = os.openListeners.bind(os);
    os.openListeners = (addresses: readonly ListenAddress[]): Promise<ListenOutcome> => {
      opened++;
      return open(addresses);
    };
    const sockets = new HeldSockets(os, [{ host: '127.0.0.1', port: 8080 }, { path: '/run/a.sock' }]);
    const seam = sockets.seam(os);
    const [first, second] = await Promise.all([seam.spawn(request), seam.spawn(request)]);
    assert.ok(first?.ok && second?.ok);
    assert.equal(opened, 1);
    assert.deepEqual(os.children.map((child) => child.request.listen), [
      { fds: [100, 101], names: ['listen0', 'listen1'] },
      { fds: [100, 101], names: ['listen0', 'listen1'] },
    ]);
    assert.deepEqual(os.children[0]?.request.command, request.command);
  });

  it('a failure to open is the spawn failure reason, and the next spawn tries again', async () => {
    const os = new FakeOs();
    let attempts = 0;
    const open = os.openListeners.bind(os);
    os.openListeners = async (addresses: readonly ListenAddress[]): Promise<ListenOutcome> => (++attempts === 1 ? { ok: false, reason: 'listen 127.0.0.1:8080: EADDRINUSE' } : open(addresses));
    const seam = new HeldSockets(os, [{ host: '127.0.0.1', port: 8080 }]).seam(os);
    assert.deepEqual(await seam.spawn(request), { ok: false, reason: 'listen 127.0.0.1:8080: EADDRINUSE' });
    assert.equal(os.children.length, 0);
    assert.equal((await seam.spawn(request)).ok, true);
    assert.equal(attempts, 2);
  });
});
