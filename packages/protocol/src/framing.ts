// Newline-delimited JSON framing: one JSON message per line, bounded in size.

/** The largest request the daemon accepts. */
export const MAX_FRAME_BYTES = 1024 * 1024;

/** The largest answer a client accepts: `describe all` on a big fleet can pass 1 MiB; this still bounds a broken peer. */
export const MAX_RESPONSE_FRAME_BYTES = 64 * 1024 * 1024;

export function encodeFrame(message: unknown): string {
  // JSON.stringify escapes newlines inside strings, so a frame never contains a raw '\n'.
  return `${JSON.stringify(message)}\n`;
}

export type FrameResult = { kind: 'frame'; text: string } | { kind: 'oversize'; bytes: number };

/**
 * Reassembles lines from arbitrary chunks. Holds at most maxBytes of an unfinished line:
 * past that the decoder reports 'oversize' once and drops everything after it.
 */
export class LineDecoder {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private overflowed = false;

  constructor(private readonly maxBytes: number = MAX_FRAME_BYTES) {}

  /** Bytes of an unfinished line held until its newline arrives. */
  get heldBytes(): number {
    return this.pendingBytes;
  }

  push(chunk: Buffer): FrameResult[] {
    if (this.overflowed) return [];
    const results: FrameResult[] = [];
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(0x0a, start);
      if (newline === -1) break;
      const size = this.pendingBytes + (newline - start);
      if (size > this.maxBytes) return this.overflow(results, size);
      const line = this.take(chunk.subarray(start, newline));
      if (line.trim() !== '') results.push({ kind: 'frame', text: line });
      start = newline + 1;
    }
    const rest = chunk.length - start;
    if (rest > 0) {
      if (this.pendingBytes + rest > this.maxBytes) return this.overflow(results, this.pendingBytes + rest);
      this.pending.push(chunk.subarray(start));
      this.pendingBytes += rest;
    }
    return results;
  }

  private take(tail: Buffer): string {
    const text = this.pending.length === 0 ? tail.toString('utf8') : Buffer.concat([...this.pending, tail]).toString('utf8');
    this.pending = [];
    this.pendingBytes = 0;
    return text;
  }

  private overflow(results: FrameResult[], bytes: number): FrameResult[] {
    this.overflowed = true;
    this.pending = [];
    this.pendingBytes = 0;
    results.push({ kind: 'oversize', bytes });
    return results;
  }
}
