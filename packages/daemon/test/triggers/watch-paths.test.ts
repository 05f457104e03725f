import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AppSpec } from '@svctl/protocol';
import { displayPath, ignoredPathMatcher, watchedPaths } from '../../src/triggers/watch-paths.js';

const spec = (keys: Partial<AppSpec>) => ({ cwd: '/srv/app', ...keys }) as AppSpec;

describe('watch paths', () => {
  test('true watches the cwd; a list resolves against it', () => {
    assert.deepEqual(watchedPaths(spec({ watch: true })), ['/srv/app']);
    assert.deepEqual(watchedPaths(spec({ watch: ['src', '/etc/app.conf'] })), ['/srv/app/src', '/etc/app.conf']);
    assert.deepEqual(watchedPaths(spec({ watch: false })), []);
  });

  test('log files, their rotated siblings, the pid file and $SVCTL_HOME/logs are always ignored', () => {
    const ignored = ignoredPathMatcher(spec({ pid_file: '/srv/app/app.pid' }), () => ['/srv/app/logs/out-0.log'], '/home/u/.svctl/logs');
    for (const file of ['/srv/app/logs/out-0.log', '/srv/app/logs/out-0.log.1', '/srv/app/logs/out-0-2024-01-01.log', '/srv/app/app.pid', '/home/u/.svctl/logs/x.log', '/srv/app/node_modules/a/b.js']) {
      assert.equal(ignored(file), true, file);
    }
    assert.equal(ignored('/srv/app/src/index.js'), false);
  });

  test('ignore_watch globs match names anywhere, or paths from the cwd, and whole folders', () => {
    const ignored = ignoredPathMatcher(spec({ ignore_watch: ['*.tmp', 'build', 'src/generated/**'] }), () => [], '/nowhere');
    assert.equal(ignored('/srv/app/deep/x.tmp'), true);
    assert.equal(ignored('/srv/app/build/out.js'), true);
    assert.equal(ignored('/srv/app/src/generated/a.js'), true);
    assert.equal(ignored('/srv/app/src/index.js'), false);
    assert.equal(displayPath(spec({}), '/srv/app/src/index.js'), 'src/index.js');
    assert.equal(displayPath(spec({}), '/etc/app.conf'), '/etc/app.conf');
  });
});
