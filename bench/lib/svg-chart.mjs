// A measure's chart as a small SVG, written by hand (no chart library): one panel per figure, one bar per
// supervisor at its median, a whisker from the min to the max of the runs, the physical floor as a dashed
// line. Each panel has its own scale, since a measure may mix units (ms, MB).
import { SUPERVISORS, formatNumber, isSummary } from './figures.mjs';

export const WIDTH = 640;
const LABEL = 110; // left column: supervisor names
const VALUE = 170; // right column: the median as text
const BAR = 16;
const ROW = 24;
const TITLE = 26;
const GAP = 12;
const COLORS = { svctl: '#2b6cb0', pm2: '#c05621', supervisord: '#2f855a', floor: '#718096' };

export function escapeXml(text) {
  return String(text).replace(/[<>&"']/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[char]);
}

const round = (value) => Math.round(value * 10) / 10;

/** A rounded axis maximum at or above `value`: 1, 2 or 5 times a power of ten. */
export function niceMax(value) {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * power).find((candidate) => candidate >= value);
}

/** One row per figure with a number; the chart leaves out rows where no supervisor has one. */
function panel(row, top) {
  const values = SUPERVISORS.map((kind) => ({ kind, value: row.values[kind] }));
  const floor = isSummary(row.floor) ? row.floor.median : null;
  const highest = Math.max(floor ?? 0, ...values.filter(({ value }) => isSummary(value)).map(({ value }) => value.max));
  const scale = (WIDTH - LABEL - VALUE) / niceMax(highest);
  const x = (value) => round(LABEL + value * scale);
  const parts = [`<text x="4" y="${top + 17}" class="metric">${escapeXml(`${row.metric}${row.unit ? ` (${row.unit})` : ''}${row.better ? `, ${row.better} is better` : ''}`)}</text>`];
  values.forEach(({ kind, value }, index) => {
    const y = top + TITLE + index * ROW;
    parts.push(`<text x="4" y="${y + 12}">${escapeXml(kind)}</text>`);
    if (!isSummary(value)) {
      const text = value == null ? 'not measured' : (value.text ?? `n/a: ${value.na}`);
      parts.push(`<text x="${LABEL}" y="${y + 12}" class="none">${escapeXml(text)}</text>`);
      return;
    }
    parts.push(`<rect x="${LABEL}" y="${y}" width="${Math.max(1, round(value.median * scale))}" height="${BAR}" fill="${COLORS[kind]}"/>`);
    if (value.n > 1) {
      const middle = y + BAR / 2;
      parts.push(`<path d="M${x(value.min)} ${middle}H${x(value.max)}M${x(value.min)} ${middle - 4}v8M${x(value.max)} ${middle - 4}v8" class="spread"/>`);
    }
    parts.push(`<text x="${WIDTH - VALUE + 8}" y="${y + 12}">${escapeXml(formatNumber(value.median, row.unit))}</text>`);
  });
  if (floor !== null) {
    const bottom = top + TITLE + SUPERVISORS.length * ROW;
    parts.push(`<path d="M${x(floor)} ${top + TITLE - 4}V${bottom}" class="floor"/>`);
    parts.push(`<text x="${x(floor) + 3}" y="${bottom + 10}" class="floor-label">${escapeXml(`floor (${row.floorLabel ?? 'no supervisor'}): ${formatNumber(floor, row.unit)}`)}</text>`);
  }
  return { svg: parts.join(''), height: TITLE + SUPERVISORS.length * ROW + (floor === null ? 0 : 14) + GAP };
}

/** The SVG text for a measure ({ title, rows }); rows without any number are skipped. */
export function chartSvg(measure) {
  const rows = measure.rows.filter((row) => SUPERVISORS.some((kind) => isSummary(row.values[kind])));
  let top = 30;
  const panels = rows.map((row) => {
    const drawn = panel(row, top);
    top += drawn.height;
    return drawn.svg;
  });
  if (rows.length === 0) panels.push(`<text x="4" y="42" class="none">no figures in this run</text>`);
  const style = '.spread{stroke:#1a202c;stroke-width:1.5;fill:none}.floor{stroke:#718096;stroke-dasharray:4 3;fill:none}.floor-label{fill:#4a5568;font-size:10px}';
  return svgDocument({ title: measure.title, height: Math.max(top, 50), style, parts: panels });
}

/** A whole chart document, WIDTH wide on a white ground, with its title; `style` adds to the shared classes. */
export function svgDocument({ title, height, style, parts }) {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    `<style>.title{font-weight:bold;font-size:14px}.metric{font-weight:bold}.none{fill:#718096;font-style:italic}${style}</style>`,
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    `<text x="4" y="18" class="title">${escapeXml(title)}</text>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
