// Median whole-process wall time of `svctl ping` and of `svctl list` with 10 idle apps, against a
// running daemon, next to the `node -e 0` floor measured in the same run (interleaved, so machine
// load affects all alike).
// Usage: node bench/cli-latency.mjs [runs=40]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, median, timeProcess } from './lib/measure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'packages/cli/bin/svctl.cjs');
const runs = Number(process.argv[2] ?? 40);
const home = fs.mkdtempSync('/tmp/svctl-bench-');
const env = { ...process.env, SVCTL_HOME: home, NO_COLOR: '1' };
const APPS = 10;

function svctl(...args) {
  const result = spawnSync(process.execPath, [cli, ...args], { env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`svctl ${args.join(' ')} failed: ${result.stderr}`);
}

try {
  svctl('daemon', 'start');
  for (let i = 1; i <= APPS; i++) svctl('start', '--name', `idle-${i}`, '--', 'sleep', '100000');
  const cases = [
    { label: 'node -e 0', args: ['-e', '0'], samples: [] },
    { label: 'svctl ping', args: [cli, 'ping'], samples: [] },
    { label: `svctl list (${APPS} apps)`, args: [cli, 'list'], samples: [] },
  ];
  // Warm-up: the first runs fill the page cache.
  for (let i = 0; i < 5; i++) for (const c of cases) timeProcess(process.execPath, c.args, env);
  for (let i = 0; i < runs; i++) for (const c of cases) c.samples.push(timeProcess(process.execPath, c.args, env));
  const floor = median(cases[0].samples);
  console.log(`runs: ${runs} each, interleaved; node ${process.version}; load ${os.loadavg()[0].toFixed(1)}`);
  for (const c of cases) console.log(`${c.label.padEnd(22)} median ${fmt(median(c.samples)).padStart(9)}  ${(median(c.samples) / floor).toFixed(2)}x`);
  console.log('target: svctl ping <= 1.50x node -e 0');
} finally {
  spawnSync(process.execPath, [cli, 'daemon', 'stop'], { env });
  fs.rmSync(home, { recursive: true, force: true });
}
