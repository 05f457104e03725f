// The shared half of the socket load generators (./unix-load.mjs, ./xmlrpc-load.mjs): runs CLIENTS closed-loop
// clients until SECONDS have passed, then prints one JSON line: requests, ok / errors / wrongRows as the
// clients counted them, requests/s and latency percentiles (ms), and the generator's own CPU time and
// event-loop delay. With THREADS > 1 the clients are shared out over that many worker threads (each its own
// event loop), so one generator loop does not serve all of them.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isMainThread, parentPort, workerData, Worker } from 'node:worker_threads';

function percentile(sorted, p) {
  return sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Runs `clients` clients until `deadline`: their latencies, counts, and this event loop's delay (ms). */
async function runClients(clients, deadline, runClient) {
  // The generator's own share of each latency: how late its event loop ran callbacks.
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();
  const latencies = [];
  const counts = { ok: 0, errors: 0, wrongRows: 0 };
  await Promise.all(Array.from({ length: clients }, () => runClient(deadline, latencies, counts)));
  loopDelay.disable();
  return { latencies, counts, loopDelayP50: loopDelay.percentile(50) / 1e6, loopDelayP99: loopDelay.percentile(99) / 1e6 };
}

/** In a worker thread: its share of the clients, from the deadline the main thread sends. */
function runInWorker(runClient) {
  parentPort.once('message', async ({ deadline }) => parentPort.postMessage(await runClients(workerData.clients, deadline, runClient)));
  parentPort.postMessage('ready');
}

/** One worker thread running this same generator script with `clients` clients; resolves once it is ready. */
function startWorker(clients) {
  const worker = new Worker(process.argv[1], { argv: process.argv.slice(2), workerData: { clients } });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', () => resolve(worker));
  });
}

/** `runClient(deadline, latencies, counts)` resolves when its client is done; each pushes one latency per answer. */
export async function closedLoop(clients, seconds, runClient, threads = 1) {
  if (!isMainThread) return runInWorker(runClient);
  const shares = Array.from({ length: Number(threads) }, (_, index) => Math.floor((Number(clients) + index) / Number(threads)));
  const workers = Number(threads) > 1 ? await Promise.all(shares.map(startWorker)) : [];
  const cpuBefore = process.cpuUsage();
  const started = Date.now();
  const deadline = started + Number(seconds) * 1000;
  const parts = await Promise.all(
    workers.length === 0
      ? [runClients(Number(clients), deadline, runClient)]
      : workers.map((worker) => new Promise((resolve) => {
          worker.once('message', resolve);
          worker.postMessage({ deadline });
        })),
  );
  const elapsed = (Date.now() - started) / 1000;
  await Promise.all(workers.map((worker) => worker.terminate()));
  const cpu = process.cpuUsage(cpuBefore);
  const generator = {
    threads: Number(threads),
    cpuMs: (cpu.user + cpu.system) / 1000,
    loopDelayP50: Math.max(...parts.map((part) => part.loopDelayP50)),
    loopDelayP99: Math.max(...parts.map((part) => part.loopDelayP99)),
  };
  const latencies = parts.flatMap((part) => part.latencies).sort((a, b) => a - b);
  const counts = { ok: 0, errors: 0, wrongRows: 0 };
  for (const part of parts) for (const key of Object.keys(counts)) counts[key] += part.counts[key];
  console.log(JSON.stringify({ requests: latencies.length, ...counts, seconds: elapsed, rps: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1) ?? null, generator }));
}
