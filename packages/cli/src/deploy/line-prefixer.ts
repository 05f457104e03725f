// Output of several hosts at once, one line at a time, each line prefixed with its host.

export class LinePrefixer {
  private pending = '';

  constructor(
    private readonly prefix: string,
    private readonly write: (text: string) => void,
  ) {}

  /** Writes every complete line of chunk; keeps a partial last line for later. */
  push(chunk: string): void {
    const lines = (this.pending + chunk).split('\n');
    this.pending = lines.pop() ?? '';
    if (lines.length > 0) this.write(lines.map((line) => `${this.prefix}${line}\n`).join(''));
  }

  /** Writes what is left (a last line without a newline). */
  end(): void {
    if (this.pending !== '') this.write(`${this.prefix}${this.pending}\n`);
    this.pending = '';
  }
}
