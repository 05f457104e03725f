// A small line of the recent values, beside the number it illustrates (so it is hidden from screen
// readers: the number says it). SVG attributes only: the CSP allows no inline styles.
import { linePoints } from './line-points.js';

const WIDTH = 60;
const HEIGHT = 16;

export function Sparkline({ values, label }: { values: ReadonlyArray<number | null>; label: string }) {
  if (values.length < 2) return null;
  return (
    <svg class="sparkline" width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} aria-hidden="true" data-series={label}>
      <polyline points={linePoints(values, WIDTH, HEIGHT)} fill="none" stroke="currentColor" stroke-width="1.5" />
    </svg>
  );
}
