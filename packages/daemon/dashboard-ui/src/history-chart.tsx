// A line chart of one instance's kept CPU or memory samples (oldest left), drawn in SVG with attributes
// only (the CSP allows no inline styles), live as ticks arrive. Its caption says the same in words
// (latest, min, max, time covered), and the drawing is labelled by it for screen readers.
import { useId } from 'preact/hooks';
import { chartSummary } from './chart-summary.js';
import { linePoints, scaleMax } from './line-points.js';

const WIDTH = 480;
const HEIGHT = 120;

export interface HistoryChartProps {
  /** "CPU of web[0]". */
  title: string;
  values: ReadonlyArray<number | null>;
  format: (value: number) => string;
  intervalMs: number | undefined;
  series: 'cpu' | 'memory';
}

export function HistoryChart({ title, values, format, intervalMs, series }: HistoryChartProps) {
  const caption = useId();
  const max = scaleMax(values);
  return (
    <figure class="history-chart" data-series={series}>
      <figcaption id={caption}>
        <strong>{title}</strong>: {chartSummary(values, format, intervalMs)}
      </figcaption>
      <svg class="chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={caption} preserveAspectRatio="none">
        <line class="chart-axis" x1="0" y1={HEIGHT - 1} x2={WIDTH} y2={HEIGHT - 1} />
        <line class="chart-grid" x1="0" y1="1" x2={WIDTH} y2="1" />
        {values.length >= 2 && <polyline points={linePoints(values, WIDTH, HEIGHT, max)} fill="none" stroke="currentColor" stroke-width="2" vector-effect="non-scaling-stroke" />}
      </svg>
      <p class="chart-scale" aria-hidden="true">
        <span>top: {format(max < 1e-6 ? 0 : max)}</span>
      </p>
    </figure>
  );
}
