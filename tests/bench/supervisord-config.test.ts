// The supervisord driver's pure parts (bench/lib/supervisord.mjs): an app of an app file as a [program:x]
// section, and `supervisorctl status` read back as rows.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseStatus, programSection } from '../../bench/lib/supervisord.mjs';

describe('programSection', () => {
  it('maps the app keys the benches use, RUNNING as soon as spawned by default', () => {
    const section = programSection(
      { name: 'web', script: '/srv/server.cjs', cwd: '/srv', instances: 2, kill_timeout: 1500, autorestart: false, env: { PORT: 8080, MSG: '50% "off"' } },
      { dir: '/tmp/p', logs: '/tmp/logs', defaults: {} },
    );
    const lines = section.split('\n');
    assert.equal(lines[0], '[program:web]');
    assert.ok(lines.includes(`command=${process.execPath} /srv/server.cjs`));
    for (const line of ['directory=/srv', 'autorestart=false', 'startsecs=0', 'stopwaitsecs=2', 'numprocs=2', 'process_name=%(program_name)s_%(process_num)d', 'stdout_logfile=/tmp/logs/web-out.log']) {
      assert.ok(lines.includes(line), line);
    }
    assert.ok(lines.includes('environment=PORT="8080",MSG="50%% \\"off\\""'), section);
  });

  it('keeps supervisord\'s own defaults when asked, and min_uptime / max_restarts when given', () => {
    const defaults = programSection({ name: 'a', script: '/a.js' }, { dir: '/tmp/p', logs: '/tmp/l', defaults: { startsecs: 1, startretries: 3 } });
    assert.ok(defaults.includes('startsecs=1\nstartretries=3\n'));
    const given = programSection({ name: 'a', script: '/a.js', min_uptime: 2500, max_restarts: 9 }, { dir: '/tmp/p', logs: '/tmp/l', defaults: {} });
    assert.ok(given.includes('startsecs=2\nstartretries=9\n'));
  });

  it('runs a command without an interpreter as it is', () => {
    const section = programSection({ name: 's', script: '/bin/sleep', args: ['100'], interpreter: 'none' }, { dir: '/tmp/p', logs: '/tmp/l', defaults: {} });
    assert.ok(section.includes('command=/bin/sleep 100\n'));
  });
});

describe('parseStatus', () => {
  it('reads names, states and pids, groups included', () => {
    const rows = parseStatus(
      [
        'idle-0                           RUNNING   pid 4242, uptime 0:00:03',
        'web:web_1                        STARTING  ',
        'crasher                          FATAL     Exited too quickly (process log may have details)',
        'done                             EXITED    Dec 03 10:00 AM',
        'unix:///tmp/x.sock refused connection',
      ].join('\n'),
    );
    assert.deepEqual(rows, [
      { name: 'idle-0', pid: 4242, status: 'online', restarts: null },
      { name: 'web_1', pid: null, status: 'launching', restarts: null },
      { name: 'crasher', pid: null, status: 'errored', restarts: null },
      { name: 'done', pid: null, status: 'stopped', restarts: null },
    ]);
  });
});
