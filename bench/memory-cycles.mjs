// Issue 10 "memory returned": daemon RSS before and after N start/delete cycles of uniquely named apps,
// each printing ~1.2 MB before it is deleted (the case that used to keep ~1.2 MB per cycle).
// RSS is read settled, after a warm-up of 20 cycles (code paths compiled, heap grown to its working size).
// Target: growth under 5 MB over 500 cycles.
// Cycles run PARALLEL at a time (each its own app), to keep the wall time reasonable on a loaded machine.
// Usage: node bench/memory-cycles.mjs [cycles=500]
import fs from 'node:fs';
import path from 'node:path';
import { createSvctl, makeAppsDir, mb, parseArgs, settledRssKb, verdict } from './lib/apps.mjs';

const options = parseArgs(process.argv.slice(2), { cycles: 500 });
const WARM_UP = 20;
const PRINTED = 1_200_000;
const PARALLEL = 5;

const apps = makeAppsDir();
const svctl = createSvctl({ timeoutMs: 120_000 });
let cycle = 0;
async function runCycle() {
  const name = `cycle-${cycle++}`;
  const file = path.join(apps.dir, `${name}.json`);
  // Prints its lines, then says so in a file: the delete comes once the output is all captured.
  const done = path.join(apps.dir, `${name}.done`);
  const script = `head -c ${(PRINTED / 100) * 99} /dev/zero | tr '\\0' y | fold -w 99; echo; touch ${done}; exec sleep 100000`;
  fs.writeFileSync(file, JSON.stringify({ apps: [{ name, script: '/bin/sh', args: ['-c', script], interpreter: 'none', cwd: apps.dir }] }));
  await svctl.start(file);
  const deadline = Date.now() + 60_000;
  while (!fs.existsSync(done)) {
    if (Date.now() > deadline) throw new Error(`${name} did not finish printing`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await svctl.cli('delete', name);
  fs.rmSync(done, { force: true });
  fs.rmSync(file, { force: true });
}

/** `count` cycles, PARALLEL at a time. */
async function runCycles(count) {
  let left = count;
  const worker = async () => {
    while (left > 0) {
      left--;
      await runCycle();
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}

try {
  const pid = await svctl.startDaemon();
  await runCycles(WARM_UP);
  const before = (await settledRssKb(pid)).kb;
  const started = Date.now();
  await runCycles(options.cycles);
  const after = (await settledRssKb(pid, { maxMs: 15_000 })).kb;
  const left = (await svctl.list()).length;
  const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(`${options.cycles} start/delete cycles (each app printed ${(PRINTED / 1e6).toFixed(1)} MB) in ${((Date.now() - started) / 1000).toFixed(0)} s, load ${load}`);
  console.log(`daemon RSS before ${mb(before)}, after ${mb(after)}, growth ${mb(after - before)} (target < 5 MB: ${verdict(after - before < 5 * 1024)}); apps left: ${left}`);
} finally {
  await svctl.cleanup();
  apps.dispose();
}
