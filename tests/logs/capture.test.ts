import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { startOk, writeAppFile } from '../helpers/apps.js';
import { runCliJson } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';
import { checkNumberedLines, logFilesOldestFirst, peakRssKb, totalBytes } from '../helpers/log-files.js';
import { FIXTURES } from '../helpers/paths.js';
import { waitFor } from '../helpers/wait.js';

const SPEW = path.join(FIXTURES, 'spew-lines.js');

describe('log capture', () => {
  it('200 MB of numbered lines written as fast as possible: every line on disk once and in order, daemon peak RSS under 100 MB', async (t) => {
    const home = makeHome(t);
    const lines = 2_000_000;
    const file = writeAppFile(t, { apps: [{ name: 'spew', script: SPEW, args: [String(lines), '100'], autorestart: false, log_max_size: '50M', log_max_files: 10 }] });
    await startOk([file], { home });
    const { json: ping } = await runCliJson<{ pid: number }>(['ping'], { home });
    const out = path.join(home, 'logs', 'spew-out.log');
    let peak = 0;
    await waitFor(
      'all 200 MB on disk',
      () => {
        peak = Math.max(peak, peakRssKb(ping.pid));
        return fs.existsSync(out) && totalBytes(logFilesOldestFirst(out)) >= lines * 100;
      },
      { timeoutMs: 45_000, intervalMs: 20 },
    );
    peak = Math.max(peak, peakRssKb(ping.pid));
    const files = logFilesOldestFirst(out);
    assert.ok(files.length >= 4, `expected rotation into several files, got ${files.length}`);
    const check = checkNumberedLines(files, 100);
    assert.deepEqual(check.problems, []);
    assert.equal(check.lines, lines);
    assert.equal(check.first, 1);
    assert.equal(check.last, lines);
    assert.ok(peak < 100 * 1024, `daemon peak RSS ${(peak / 1024).toFixed(1)} MB`);
  });

  it('log_max_size 1M and log_max_files 3: 20 MB leaves at most 4 files, none over 1 MB plus one line, no line split', async (t) => {
    const home = makeHome(t);
    const lines = 200_000;
    const file = writeAppFile(t, { apps: [{ name: 'rot', script: SPEW, args: [String(lines), '100'], autorestart: false, log_max_size: '1M', log_max_files: 3 }] });
    await startOk([file], { home });
    const out = path.join(home, 'logs', 'rot-out.log');
    // The writer reports "done" on stderr once everything went into the pipe.
    await waitFor('the writer to finish', () => fs.existsSync(path.join(home, 'logs', 'rot-err.log')) && fs.readFileSync(path.join(home, 'logs', 'rot-err.log'), 'utf8').includes(`done ${lines}`), { timeoutMs: 30_000 });
    const files = await waitFor('the last line on disk', () => {
      const found = logFilesOldestFirst(out);
      return checkNumberedLines(found.slice(-1), 100).last === lines ? found : undefined;
    });
    assert.deepEqual(
      fs.readdirSync(path.dirname(out)).filter((name) => name.startsWith('rot-out')).sort(),
      ['rot-out.log', 'rot-out.log.1', 'rot-out.log.2', 'rot-out.log.3'],
    );
    for (const name of files) assert.ok(fs.statSync(name).size <= 1024 * 1024 + 100, `${name}: ${fs.statSync(name).size} bytes`);
    const check = checkNumberedLines(files, 100);
    assert.deepEqual(check.problems, []);
    assert.equal(check.last, lines);
    // Only the newest ~4 MB are kept: everything before was rotated out.
    assert.ok(check.lines > 3 * 10_000 && check.lines < 5 * 10_486, `${check.lines} lines kept`);
  });

  it('time: true prefixes ISO timestamps, log_type json writes one object per line, a last line without newline is kept, log_file gets both streams', async (t) => {
    const home = makeHome(t);
    const script = path.join(path.dirname(writeAppFile(t, {}, 'unused.json')), 'talk.cjs');
    fs.writeFileSync(script, "process.stdout.write('one\\ntwo\\n'); process.stderr.write('oops\\n'); setTimeout(() => { process.stdout.write('no newline'); process.exit(0); }, 100);\n");
    const file = writeAppFile(t, {
      apps: [
        { name: 'stamped', script, time: true, autorestart: false },
        { name: 'json', script, log_type: 'json', autorestart: false, log_file: true },
      ],
    });
    await startOk([file], { home });
    const logs = path.join(home, 'logs');
    const stamped = await waitFor('stamped output', () => {
      const text = fs.existsSync(path.join(logs, 'stamped-out.log')) ? fs.readFileSync(path.join(logs, 'stamped-out.log'), 'utf8') : '';
      return text.split('\n').length >= 4 ? text : undefined;
    });
    assert.match(stamped, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z: one\n\d{4}-\d\d-\d\dT[\d:.]+Z: two\n\d{4}-\d\d-\d\dT[\d:.]+Z: no newline\n$/);
    const json = await waitFor('json output', () => {
      const text = fs.existsSync(path.join(logs, 'json-out.log')) ? fs.readFileSync(path.join(logs, 'json-out.log'), 'utf8') : '';
      return text.split('\n').length >= 4 ? text : undefined;
    });
    const objects = json.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(objects.map((object) => object.msg), ['one', 'two', 'no newline']);
    assert.deepEqual(Object.keys(objects[0] ?? {}), ['at', 'app', 'instance', 'stream', 'msg']);
    assert.equal(objects[0]?.app, 'json');
    assert.equal(objects[0]?.stream, 'out');
    const combined = await waitFor('combined log', () => {
      const text = fs.existsSync(path.join(logs, 'json.log')) ? fs.readFileSync(path.join(logs, 'json.log'), 'utf8') : '';
      return text.split('\n').length >= 5 ? text : undefined;
    });
    assert.deepEqual(combined.trim().split('\n').map((line) => (JSON.parse(line) as { msg: string }).msg).sort(), ['no newline', 'one', 'oops', 'two']);
  });
});
