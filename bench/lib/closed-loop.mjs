// The shared half of the socket load generators (./unix-load.mjs, ./xmlrpc-load.mjs): runs CLIENTS closed-loop
// clients until SECONDS have passed, then prints one JSON line: requests, ok / errors / wrongRows as the
// clients counted them, requests/s and latency percentiles (ms), and the generator's own CPU time and event-loop delay.
import { monitorEventLoopDelay } from 'node:perf_hooks';

function percentile(sorted, p) {
  return sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** `runClient(deadline, latencies, counts)` resolves when its client is done; each pushes one latency per answer. */
export async function closedLoop(clients, seconds, runClient) {
  // The generator's own share of each latency: how late its event loop ran callbacks, and its CPU time.
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();
  const cpuBefore = process.cpuUsage();
  const latencies = [];
  const counts = { ok: 0, errors: 0, wrongRows: 0 };
  const started = Date.now();
  await Promise.all(Array.from({ length: Number(clients) }, () => runClient(started + Number(seconds) * 1000, latencies, counts)));
  const elapsed = (Date.now() - started) / 1000;
  loopDelay.disable();
  const cpu = process.cpuUsage(cpuBefore);
  const generator = { cpuMs: (cpu.user + cpu.system) / 1000, loopDelayP50: loopDelay.percentile(50) / 1e6, loopDelayP99: loopDelay.percentile(99) / 1e6 };
  latencies.sort((a, b) => a - b);
  console.log(JSON.stringify({ requests: latencies.length, ...counts, seconds: elapsed, rps: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1) ?? null, generator }));
}
