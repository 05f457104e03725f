// Draws the fleet's sparklines outside Preact's render passes: once per animation frame, and only those
// of rows on screen (or near it) whose series changed since they were drawn. A sample tick then costs
// nothing for the rows off screen, and no row renders again for its sparklines: a row renders again
// only when its own numbers change. A row scrolled into view is drawn in the next frame. Each line is a
// small drawing beside the number it illustrates (so hidden from screen readers: the number says it), in
// a slot this painter adds to the row's cell (`td.cpu`, `td.memory`) when first drawn: rows are rendered
// without them, lighter to lay out. An SVG with attributes only: the CSP allows no inline styles.
import { rowKey } from './fleet-model.js';
import { linePoints } from './line-points.js';
import type { Series, SeriesByInstance } from './samples-model.js';

const SPARKLINE_WIDTH = 60;
const SPARKLINE_HEIGHT = 16;

/** How far beyond the viewport a row counts as on screen, so a short scroll shows lines already drawn. */
const MARGIN = '400px 0px';

type Field = keyof Series;

const FIELDS: readonly Field[] = ['cpu', 'memory'];

interface Line {
  field: Field;
  /** The cell showing the number (its class is the field); the drawing goes in it when first needed. */
  cell: HTMLElement;
  polyline: SVGPolylineElement | undefined;
  /** The values it shows (series arrays are replaced, never changed, so identity says "changed"). */
  shown: Series[Field] | undefined;
}

interface TrackedRow {
  key: string;
  lines: Line[];
}

export class SparklinePainter {
  private series: SeriesByInstance = new Map();
  private readonly rows = new Map<Element, TrackedRow>();
  private readonly onScreen = new Set<TrackedRow>();
  private frame: number | undefined;
  private readonly observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const row = this.rows.get(entry.target);
        if (row === undefined) continue;
        if (entry.isIntersecting) this.onScreen.add(row);
        else this.onScreen.delete(row);
      }
      this.schedule();
    },
    { rootMargin: MARGIN },
  );

  /** Starts watching the table's rows not seen yet (`tr[data-app]` with `td.cpu` and `td.memory` cells), and forgets removed ones. */
  track(table: Element): void {
    for (const [element, row] of this.rows) {
      if (element.isConnected) continue;
      this.observer.unobserve(element);
      this.rows.delete(element);
      this.onScreen.delete(row);
    }
    for (const element of table.querySelectorAll<HTMLTableRowElement>('tr[data-app]')) {
      if (this.rows.has(element)) continue;
      const lines = FIELDS.flatMap((field) => {
        const cell = element.querySelector<HTMLElement>(`td.${field}`);
        return cell === null ? [] : [{ field, cell, polyline: undefined, shown: undefined }];
      });
      this.rows.set(element, { key: rowKey({ app: element.dataset.app ?? '', instance: Number(element.dataset.instance) }), lines });
      this.observer.observe(element);
    }
  }

  /** New series: drawn in the next frame, for the rows on screen. */
  update(series: SeriesByInstance): void {
    this.series = series;
    this.schedule();
  }

  dispose(): void {
    this.observer.disconnect();
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
  }

  private schedule(): void {
    this.frame ??= requestAnimationFrame(() => {
      this.frame = undefined;
      this.paint();
    });
  }

  private paint(): void {
    for (const row of this.onScreen) {
      const series = this.series.get(row.key);
      for (const line of row.lines) {
        const values = series?.[line.field];
        if (values === line.shown) continue;
        line.shown = values;
        if (line.polyline?.isConnected !== true) line.polyline = drawing(line.cell, line.field);
        line.polyline.setAttribute('points', values !== undefined && values.length >= 2 ? linePoints(values, SPARKLINE_WIDTH, SPARKLINE_HEIGHT) : '');
      }
    }
  }
}

const SVG = 'http://www.w3.org/2000/svg';

/** An empty line drawing in a new slot at the end of the cell; its points are set with each draw. */
function drawing(cell: HTMLElement, field: Field): SVGPolylineElement {
  const slot = document.createElement('span');
  slot.className = 'sparkline';
  slot.dataset.series = field;
  slot.setAttribute('aria-hidden', 'true');
  const svg = document.createElementNS(SVG, 'svg');
  for (const [name, value] of [['width', SPARKLINE_WIDTH], ['height', SPARKLINE_HEIGHT], ['viewBox', `0 0 ${SPARKLINE_WIDTH} ${SPARKLINE_HEIGHT}`]] as const) svg.setAttribute(name, String(value));
  const polyline = document.createElementNS(SVG, 'polyline');
  for (const [name, value] of [['fill', 'none'], ['stroke', 'currentColor'], ['stroke-width', '1.5']] as const) polyline.setAttribute(name, value);
  svg.append(polyline);
  slot.append(svg);
  cell.append(slot);
  return polyline;
}
