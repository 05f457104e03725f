// A request body read whole, up to a limit. Past the limit nothing more is kept (the rest is read and
// dropped) and the answer comes at once, without waiting for the end of an oversized upload. Bodies
// being read count in the daemon-wide budget (rpc_max_partial_total, with unfinished socket frames and
// WebSocket messages), so many half-sent bodies cannot add up past it.
import type http from 'node:http';
import type { PartialBudget } from '../rpc/partial-budget.js';

/** The body's text, or why there is none: larger than limitBytes, past the shared budget, or the request broke off. */
export type Body = { ok: true; text: string } | { ok: false; why: 'too-large' | 'over-total' | 'broken' };

export function readBodyWithin(request: http.IncomingMessage, limitBytes: number, budget?: PartialBudget): Promise<Body> {
  return new Promise((resolve) => {
    if (Number(request.headers['content-length'] ?? 0) > limitBytes) {
      request.resume();
      resolve({ ok: false, why: 'too-large' });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let held = 0;
    let done = false;
    // Answers once; what the body held goes back to the budget, and the rest of it is read and dropped.
    const finish = (outcome: Body): void => {
      if (done) return;
      done = true;
      budget?.give(held);
      chunks.length = 0;
      resolve(outcome);
    };
    request.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limitBytes) return finish({ ok: false, why: 'too-large' });
      if (budget !== undefined && !budget.take(chunk.length)) return finish({ ok: false, why: 'over-total' });
      if (budget !== undefined) held += chunk.length;
      chunks.push(chunk);
    });
    request.on('end', () => finish({ ok: true, text: Buffer.concat(chunks).toString('utf8') }));
    request.on('error', () => finish({ ok: false, why: 'broken' }));
    request.on('close', () => finish({ ok: false, why: 'broken' }));
  });
}
