const BLOCKS = '▁▂▃▄▅▆▇█';

/**
 * The last `width` values as block characters, scaled from 0 to `ceiling` (at least the largest
 * value). Missing values (null) are blank; the line is right-aligned so the newest value is last.
 */
export function sparkline(values: ReadonlyArray<number | null>, width: number, ceiling = 0): string {
  const recent = values.slice(-width);
  const top = Math.max(ceiling, ...recent.map((value) => value ?? 0));
  const chars = recent.map((value) => {
    if (value === null) return ' ';
    if (top <= 0) return BLOCKS[0];
    const index = Math.min(BLOCKS.length - 1, Math.max(0, Math.round((value / top) * (BLOCKS.length - 1))));
    return BLOCKS[index];
  });
  return chars.join('').padStart(width);
}
