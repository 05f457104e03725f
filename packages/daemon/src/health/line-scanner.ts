// A pass-through Transform between a child's stdout and its log that watches for ready_log_line.
// Chunks pass unchanged and in order, so the log writer's back-pressure reaches the child as before.
import { StringDecoder } from 'node:string_decoder';
import { Transform, type TransformCallback } from 'node:stream';

/** The longest partial line kept between chunks (a needle is looked for within one line). */
const MAX_CARRY = 64 * 1024;

export class LineScanner extends Transform {
  readonly #needle: string;
  readonly #onMatch: () => void;
  readonly #decoder = new StringDecoder('utf8');
  #carry = '';
  #matched = false;

  constructor(needle: string, onMatch: () => void) {
    super();
    this.#needle = needle;
    this.#onMatch = onMatch;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.#matched) this.#scan(this.#decoder.write(chunk));
    callback(null, chunk);
  }

  #scan(text: string): void {
    const lines = (this.#carry + text).split('\n');
    this.#carry = (lines.pop() ?? '').slice(-MAX_CARRY);
    // A line counts as soon as it contains the needle, even before its newline arrives.
    if (lines.some((line) => line.includes(this.#needle)) || this.#carry.includes(this.#needle)) {
      this.#matched = true;
      this.#carry = '';
      this.#onMatch();
    }
  }
}
