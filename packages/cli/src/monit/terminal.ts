// The full-screen terminal: alternate screen, hidden cursor, raw keys, and flicker-free frames
// (cursor home, each line overwritten and cleared to its end, the rest cleared, one write per frame).
const ESC = '\u001b[';

export const ANSI = {
  altScreenOn: `${ESC}?1049h`,
  altScreenOff: `${ESC}?1049l`,
  cursorHide: `${ESC}?25l`,
  cursorShow: `${ESC}?25h`,
  home: `${ESC}H`,
  clearLineEnd: `${ESC}K`,
  clearBelow: `${ESC}J`,
  reset: `${ESC}0m`,
  inverse: `${ESC}7m`,
  dim: `${ESC}2m`,
  bold: `${ESC}1m`,
} as const;

export type Key = 'up' | 'down' | 'pageup' | 'pagedown' | 'home' | 'end' | 'quit';

/** Keys in one chunk of raw stdin (several may arrive together). */
export function parseKeys(chunk: string): Key[] {
  const keys: Key[] = [];
  for (let index = 0; index < chunk.length; ) {
    const rest = chunk.slice(index);
    const match = /^(\u001b\[A|\u001bOA|k)|^(\u001b\[B|\u001bOB|j)|^(\u001b\[5~)|^(\u001b\[6~)|^(\u001b\[H|\u001b\[1~|g)|^(\u001b\[F|\u001b\[4~|G)|^(q|Q|\u0003)/.exec(rest);
    if (match === null) {
      index += 1;
      continue;
    }
    const kinds: Key[] = ['up', 'down', 'pageup', 'pagedown', 'home', 'end', 'quit'];
    const group = match.slice(1).findIndex((part) => part !== undefined);
    const key = kinds[group];
    if (key !== undefined) keys.push(key);
    index += match[0].length;
  }
  return keys;
}

export class Terminal {
  #active = false;

  constructor(
    private readonly input: NodeJS.ReadStream,
    private readonly output: NodeJS.WriteStream,
  ) {}

  get columns(): number {
    return this.output.columns || 80;
  }

  get rows(): number {
    return this.output.rows || 24;
  }

  enter(onKeys: (keys: Key[]) => void, onResize: () => void): void {
    this.#active = true;
    this.output.write(ANSI.altScreenOn + ANSI.cursorHide + ANSI.home + ANSI.clearBelow);
    this.input.setRawMode(true);
    this.input.setEncoding('utf8');
    this.input.on('data', (chunk: string) => onKeys(parseKeys(chunk)));
    this.input.resume();
    this.output.on('resize', onResize);
  }

  /** One frame: `lines` already fit the width (escape codes aside). */
  draw(lines: readonly string[]): void {
    if (!this.#active) return;
    this.output.write(ANSI.home + lines.map((line) => line + ANSI.reset + ANSI.clearLineEnd).join('\r\n') + ANSI.clearBelow);
  }

  /** Restores the terminal: raw mode off, main screen, cursor shown. Safe to call twice. */
  leave(): void {
    if (!this.#active) return;
    this.#active = false;
    try {
      this.input.setRawMode(false);
    } catch {
      // stdin already closed
    }
    this.input.pause();
    this.output.write(ANSI.reset + ANSI.cursorShow + ANSI.altScreenOff);
  }
}
