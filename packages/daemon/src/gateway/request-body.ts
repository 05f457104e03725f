// A request body read whole, up to a limit. Past the limit nothing more is kept (the rest is read and
// dropped) and the answer comes at once, without waiting for the end of an oversized upload.
import type http from 'node:http';

/** The body as text; undefined when it is larger than limitBytes (or the request broke off). */
export function readBodyWithin(request: http.IncomingMessage, limitBytes: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    if (Number(request.headers['content-length'] ?? 0) > limitBytes) {
      request.resume();
      resolve(undefined);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limitBytes) chunks.push(chunk);
      else resolve(undefined);
    });
    request.on('end', () => resolve(size > limitBytes ? undefined : Buffer.concat(chunks).toString('utf8')));
    request.on('error', () => resolve(undefined));
  });
}
