// A pm2 user's muscle memory (issue 11, item 2): pm2's ad hoc start flags and scale forms.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { AppDescription } from '@svctl/protocol';
import { listInstances } from '../helpers/apps.js';
import { runCli, runCliJson } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { FIXTURES } from '../helpers/paths.js';

const FOREVER = path.join(FIXTURES, 'forever.js');

/** A folder to run the CLI in (for relative paths such as `-o ./out.log`), removed on cleanup. */
function workDir(t: { after: (fn: () => void) => void }): string {
  const dir = fs.mkdtempSync('/tmp/svctl-cwd-');
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function instanceCount(home: string, app: string): Promise<number> {
  return (await listInstances({ home })).filter((row) => row.app === app).length;
}

describe('pm2 start flags and scale', () => {
  it('start app.js -i 2 --name api --max-memory-restart 200M --time -o ./out.log sets those keys; scale +2, -1 and max', async (t) => {
    const home = makeHome(t);
    const cwd = workDir(t);
    const start = await runCli(['start', FOREVER, '-i', '2', '--name', 'api', '--max-memory-restart', '200M', '--time', '-o', './out.log'], { home, cwd });
    assert.equal(start.code, 0, start.stderr);
    // pm2 runs `-i 2` of a node script in cluster mode, and so does svctl: the workers share ports, no warning.
    assert.doesNotMatch(start.stderr, /warning/);
    const { json } = await runCliJson<AppDescription[]>(['describe', 'api'], { home });
    const spec = json[0]?.spec;
    assert.equal(spec?.instances, 2);
    assert.equal(spec?.exec_mode, 'cluster');
    assert.equal(spec?.max_memory_restart, 200 * 1024 * 1024);
    assert.equal(spec?.time, true);
    assert.equal(spec?.out_file, path.join(cwd, 'out.log'));

    const plus = await runCli(['scale', 'api', '+2'], { home });
    assert.equal(plus.code, 0, plus.stderr);
    assert.match(plus.stdout, /2 → 4 instances/);
    assert.doesNotMatch(plus.stderr, /warning/);
    assert.equal(await instanceCount(home, 'api'), 4);
    const minus = await runCli(['scale', 'api', '-1'], { home });
    assert.equal(minus.code, 0, minus.stderr);
    assert.equal(await instanceCount(home, 'api'), 3);
    const max = await runCli(['scale', 'api', 'max'], { home });
    assert.equal(max.code, 0, max.stderr);
    assert.equal(await instanceCount(home, 'api'), os.availableParallelism());
    const tooMany = await runCli(['scale', 'api', '-99'], { home });
    assert.equal(tooMany.code, 2);
    assert.match(tooMany.stderr, /^svctl: api has \d+ instance\(s\): cannot remove 99\nhint: /);
  });

  it('each ad hoc flag goes through the app file validation, named once, in kebab-case', async (t) => {
    const home = makeHome(t);
    const bad = await runCli(['start', FOREVER, '--name', 'x', '--max-memory-restart', 'lots'], { home });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /max_memory_restart/);
    const unknown = await runCli(['start', FOREVER, '--max-memry-restart', '2'], { home });
    assert.equal(unknown.code, 2);
    assert.equal(unknown.stderr, 'svctl: start has no option --max-memry-restart\nhint: did you mean --max-memory-restart? (`svctl start --help` lists its options)\n');
    const flags = ['--no-autorestart', '--kill-timeout', '3000', '--restart-delay', '2s', '--max-restarts', '4', '--min-uptime', '500', '--cron', '0 3 * * *', '--merge-logs', '--node-args=--max-old-space-size=64', '--namespace', 'pm2', '--wait-ready', '--listen-timeout', '8000', '--watch', '--ignore-watch', 'node_modules,tmp', '-e', 'err.log', '-l'];
    const started = await runCli(['start', path.join(FIXTURES, 'ready-late.js'), '--name', 'flags', ...flags], { home, cwd: workDir(t) });
    assert.notEqual(started.code, 2, started.stderr);
    const { json } = await runCliJson<AppDescription[]>(['describe', 'flags'], { home });
    const spec = json[0]?.spec;
    assert.equal(spec?.autorestart, false);
    assert.deepEqual(
      [spec?.kill_timeout, spec?.restart_delay, spec?.max_restarts, spec?.min_uptime, spec?.cron_restart, spec?.merge_logs, spec?.namespace, spec?.wait_ready, spec?.listen_timeout, spec?.watch, spec?.ignore_watch, spec?.log_file],
      [3000, 2000, 4, 500, '0 3 * * *', true, 'pm2', true, 8000, true, ['node_modules', 'tmp'], true],
    );
    assert.deepEqual(spec?.interpreter_args, ['--max-old-space-size=64']);
    assert.match(spec?.error_file ?? '', /\/err\.log$/);
  });

});
