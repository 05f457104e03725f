// Median whole-process wall time of `svctl ping` against a running daemon, next to the `node -e 0`
// floor measured in the same run (interleaved, so machine load affects both alike).
// Usage: node bench/cli-latency.mjs [runs=40]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, median, timeProcess } from './lib/measure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'packages/cli/bin/svctl.cjs');
const runs = Number(process.argv[2] ?? 40);
const home = fs.mkdtempSync('/tmp/svctl-bench-');
const env = { ...process.env, SVCTL_HOME: home };

try {
  const start = spawnSync(process.execPath, [cli, 'daemon', 'start'], { env, encoding: 'utf8' });
  if (start.status !== 0) throw new Error(`daemon start failed: ${start.stderr}`);
  // Warm-up: the first runs fill the page cache and the CLI's code cache.
  for (let i = 0; i < 5; i++) {
    timeProcess(process.execPath, [cli, 'ping'], env);
    timeProcess(process.execPath, ['-e', '0'], env);
  }
  const ping = [];
  const floor = [];
  for (let i = 0; i < runs; i++) {
    floor.push(timeProcess(process.execPath, ['-e', '0'], env));
    ping.push(timeProcess(process.execPath, [cli, 'ping'], env));
  }
  const ratio = median(ping) / median(floor);
  console.log(`runs: ${runs} each, interleaved; node ${process.version}`);
  console.log(`node -e 0     median ${fmt(median(floor))}`);
  console.log(`svctl ping    median ${fmt(median(ping))}`);
  console.log(`ratio         ${ratio.toFixed(2)}x (target <= 1.70x)`);
} finally {
  spawnSync(process.execPath, [cli, 'daemon', 'stop'], { env });
  fs.rmSync(home, { recursive: true, force: true });
}
