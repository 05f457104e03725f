import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { onlyProcessesEnded } from '../../src/persistence/ended-only.js';
import type { JournalEntry } from '../../src/persistence/formats.js';

const running = { instance: 0, pid: 100, pgid: 100, start_time: 5 };
const entry = (processes: JournalEntry['processes'], changes: Partial<JournalEntry> = {}): JournalEntry => ({ id: 1, name: 'api', desired: 'running', spec_hash: 'h1', processes, ...changes });

describe('onlyProcessesEnded', () => {
  it('is true when the new state only lacks processes the written one had', () => {
    assert.equal(onlyProcessesEnded([entry([running])], [entry([])]), true);
    assert.equal(onlyProcessesEnded([entry([running, { ...running, instance: 1, pid: 101, pgid: 101 }])], [entry([running])]), true);
  });

  it('is false for a new process, a pid reused, or any change of an app', () => {
    assert.equal(onlyProcessesEnded([entry([])], [entry([running])]), false, 'a new run');
    assert.equal(onlyProcessesEnded([entry([running])], [entry([{ ...running, start_time: 9 }])]), false, 'the same pid, another process');
    assert.equal(onlyProcessesEnded([entry([running])], [entry([], { desired: 'stopped' })]), false, 'desired state');
    assert.equal(onlyProcessesEnded([entry([running])], [entry([], { spec_hash: 'h2' })]), false, 'spec');
    assert.equal(onlyProcessesEnded([entry([running])], [entry([]), entry([], { id: 2, name: 'web' })]), false, 'an app added');
    assert.equal(onlyProcessesEnded([entry([running]), entry([], { id: 2, name: 'web' })], [entry([])]), false, 'an app removed');
  });
});
