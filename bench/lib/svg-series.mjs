// A measure's samples over time as a small SVG, written by hand like ./svg-chart.mjs: one panel per series (the
// soak's daemon RSS, open fds, daemon.log lag), sharing the time axis, each with its own scale. A panel may show
// its target: a limit (a dashed line, e.g. the lag's 5 s) or a band (±spread around the median of the samples
// after `after` seconds, e.g. RSS within ±20 %). A missing sample (null) breaks the line and is marked on the axis.
// Pure: data in, text out.
import { median } from './measure.mjs';
import { formatNumber } from './figures.mjs';
import { WIDTH, escapeXml, niceMax, svgDocument } from './svg-chart.mjs';

const LEFT = 56; // the y-axis labels
const RIGHT = 16;
const PLOT = 110;
const TITLE = 24;
const AXIS = 30; // the x-axis labels under the last panel
const GAP = 14;
const COLOR = '#2b6cb0';
const round = (value) => Math.round(value * 10) / 10;

/** Polyline paths through the non-null points: a null sample ends one and starts the next. */
function segments(points) {
  const paths = [];
  let current = [];
  for (const point of points) {
    if (point === null) {
      if (current.length > 0) paths.push(current);
      current = [];
    } else current.push(point);
  }
  if (current.length > 0) paths.push(current);
  return paths.map((run) => `M${run.map(([x, y]) => `${x} ${y}`).join('L')}`);
}

function panel(series, xs, x, top) {
  const { label, unit, values, limit, band } = series;
  const numbers = values.filter((value) => value !== null);
  const later = band ? values.filter((value, index) => value !== null && xs[index] > band.after) : [];
  const middle = later.length > 0 ? median(later) : null;
  // A guide starts where its target applies: the band after its first `after` seconds, a limit from the start.
  const guides = [];
  if (limit !== undefined) guides.push({ value: limit, from: 0, text: `target < ${formatNumber(limit, unit)}` });
  if (middle !== null) {
    guides.push({ value: middle * (1 + band.spread), from: band.after, text: `median after ${band.after} s +${band.spread * 100} %` });
    guides.push({ value: middle * (1 - band.spread), from: band.after, text: `−${band.spread * 100} %` });
  }
  const yMax = niceMax(Math.max(0, ...numbers, ...guides.map((guide) => guide.value)));
  const y = (value) => round(top + TITLE + PLOT - (value / yMax) * PLOT);
  const parts = [
    `<text x="4" y="${top + 16}" class="metric">${escapeXml(`${label}${unit ? ` (${unit})` : ''}`)}</text>`,
    `<path d="M${LEFT} ${top + TITLE}V${top + TITLE + PLOT}H${WIDTH - RIGHT}" class="axis"/>`,
    `<text x="${LEFT - 4}" y="${top + TITLE + 4}" class="tick" text-anchor="end">${escapeXml(formatNumber(yMax))}</text>`,
    `<text x="${LEFT - 4}" y="${top + TITLE + PLOT}" class="tick" text-anchor="end">0</text>`,
  ];
  for (const guide of guides) {
    parts.push(`<path d="M${x(guide.from)} ${y(guide.value)}H${WIDTH - RIGHT}" class="guide"/>`);
    parts.push(`<text x="${WIDTH - RIGHT - 2}" y="${y(guide.value) - 3}" class="guide-label" text-anchor="end">${escapeXml(guide.text)}</text>`);
  }
  const points = values.map((value, index) => (value === null ? null : [x(xs[index]), y(value)]));
  for (const d of segments(points)) parts.push(`<path d="${d}" class="line"/>`);
  for (const point of points) if (point !== null) parts.push(`<circle cx="${point[0]}" cy="${point[1]}" r="2" fill="${COLOR}"/>`);
  values.forEach((value, index) => {
    if (value === null) parts.push(`<text x="${x(xs[index])}" y="${top + TITLE + PLOT - 3}" class="missing" text-anchor="middle">×</text>`);
  });
  if (numbers.length === 0) parts.push(`<text x="${LEFT + 8}" y="${top + TITLE + PLOT / 2}" class="none">no sample</text>`);
  return parts.join('');
}

/** The time axis: whole minutes (a tick each, or each second one past 12) once past a minute, else 1, 2 or 5 × 10^n. */
export function timeAxis(last) {
  if (last <= 60) return { span: niceMax(Math.max(1, last)), step: null };
  const step = last > 12 * 60 ? 120 : 60;
  return { span: Math.ceil(last / step) * step, step };
}

/** The SVG text for a measure with `series`: { x: { label, values }, panels: [{ label, unit, values, limit?, band? }] }. */
export function seriesSvg(measure) {
  const { x: axis, panels } = measure.series;
  const { span, step } = timeAxis(Math.max(0, ...axis.values));
  const x = (value) => round(LEFT + (value / span) * (WIDTH - LEFT - RIGHT));
  const parts = [];
  let top = 30;
  for (const series of panels) {
    parts.push(panel(series, axis.values, x, top));
    top += TITLE + PLOT + GAP;
  }
  const base = top - GAP;
  const ticks = step === null ? [0, span] : Array.from({ length: span / step + 1 }, (_, index) => index * step);
  for (const tick of ticks) parts.push(`<text x="${x(tick)}" y="${base + 12}" class="tick" text-anchor="middle">${escapeXml(formatNumber(tick))}</text>`);
  parts.push(`<text x="${(LEFT + WIDTH - RIGHT) / 2}" y="${base + 26}" class="tick" text-anchor="middle">${escapeXml(axis.label)}</text>`);
  const style = '.tick{fill:#4a5568;font-size:10px}.axis{stroke:#a0aec0;fill:none}.line{stroke:#2b6cb0;stroke-width:1.5;fill:none}.guide{stroke:#c05621;stroke-dasharray:4 3;fill:none}.guide-label{fill:#c05621;font-size:10px}.missing{fill:#c53030;font-weight:bold}';
  return svgDocument({ title: measure.title, height: base + AXIS + 6, style, parts });
}
