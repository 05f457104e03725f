// A small line of the recent values, beside the number it illustrates (so it is hidden from screen
// readers: the number says it). Preact renders an empty slot of the line's size; SparklinePainter draws
// the line in it (an SVG with attributes only: the CSP allows no inline styles) while its row is on screen.
import type { Series } from './samples-model.js';

export function Sparkline({ series }: { series: keyof Series }) {
  return <span class="sparkline" aria-hidden="true" data-series={series} />;
}
