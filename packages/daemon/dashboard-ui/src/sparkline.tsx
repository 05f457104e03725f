// A small line of the recent values, beside the number it illustrates (so it is hidden from screen
// readers: the number says it). SVG attributes only: the CSP allows no inline styles.
const WIDTH = 60;
const HEIGHT = 16;

export function Sparkline({ values, label }: { values: ReadonlyArray<number | null>; label: string }) {
  const known = values.map((value) => value ?? 0);
  if (known.length < 2) return null;
  const max = Math.max(...known, 1e-9);
  const step = WIDTH / (known.length - 1);
  const points = known.map((value, index) => `${(index * step).toFixed(1)},${(HEIGHT - 1 - (value / max) * (HEIGHT - 2)).toFixed(1)}`).join(' ');
  return (
    <svg class="sparkline" width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} aria-hidden="true" data-series={label}>
      <polyline points={points} fill="none" stroke="currentColor" stroke-width="1.5" />
    </svg>
  );
}
