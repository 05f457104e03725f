// A small load generator for tests: `concurrency` loops sending GET requests to a loopback URL until
// stopped, over keep-alive connections or a new connection per request. It counts answers, failed
// requests (no answer: refused, reset, timeout) and non-2xx answers, and the pids in the bodies.
import http from 'node:http';

export interface LoadResult {
  sent: number;
  ok: number;
  failed: number;
  non2xx: number;
  /** How many answers each pid gave (the fixture servers answer with their pid). */
  pids: Map<number, number>;
  errors: string[];
}

export interface Load {
  /** Stops sending, waits for the requests in flight and returns the counts. */
  stop(): Promise<LoadResult>;
  /** Resolves once `count` more answers have arrived. */
  answered(count: number): Promise<void>;
  readonly result: LoadResult;
}

export function startLoad(port: number, options: { keepAlive: boolean; concurrency?: number; timeoutMs?: number }): Load {
  const agent = new http.Agent({ keepAlive: options.keepAlive, maxSockets: options.concurrency ?? 4 });
  const result: LoadResult = { sent: 0, ok: 0, failed: 0, non2xx: 0, pids: new Map(), errors: [] };
  const waiters: Array<{ at: number; resolve: () => void }> = [];
  let running = true;
  const loops = Array.from({ length: options.concurrency ?? 4 }, async () => {
    while (running) await once(port, agent, options.timeoutMs ?? 10_000, result);
    // Every answer counts for waiters once the loops end.
  });
  const notify = setInterval(() => {
    for (const waiter of [...waiters]) if (result.ok + result.non2xx + result.failed >= waiter.at) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }, 10);
  return {
    result,
    answered: (count) => new Promise((resolve) => waiters.push({ at: result.ok + result.non2xx + result.failed + count, resolve })),
    async stop() {
      running = false;
      await Promise.all(loops);
      clearInterval(notify);
      agent.destroy();
      return result;
    },
  };
}

function once(port: number, agent: http.Agent, timeoutMs: number, result: LoadResult): Promise<void> {
  result.sent++;
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/', agent, timeout: timeoutMs }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) {
          result.ok++;
          const pid = Number.parseInt(body, 10);
          if (Number.isInteger(pid)) result.pids.set(pid, (result.pids.get(pid) ?? 0) + 1);
        } else result.non2xx++;
        resolve();
      });
      response.on('error', (error) => fail(error));
    });
    const fail = (error: Error) => {
      result.failed++;
      if (result.errors.length < 20) result.errors.push(error.message);
      resolve();
    };
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', fail);
  });
}
