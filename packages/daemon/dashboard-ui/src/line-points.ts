// The points of a line chart of recent values in a width × height box (SVG user units), scaled to the
// largest value: shared by the fleet's sparklines and the app page's charts. Unknown values (a
// process's first CPU sample) are drawn as 0.
export function linePoints(values: ReadonlyArray<number | null>, width: number, height: number, max = scaleMax(values)): string {
  const step = width / Math.max(1, values.length - 1);
  return values.map((value, index) => `${(index * step).toFixed(1)},${(height - 1 - ((value ?? 0) / max) * (height - 2)).toFixed(1)}`).join(' ');
}

/** The top of the scale: the largest value (a tiny number when all are 0, so the line lies on the floor). */
export function scaleMax(values: ReadonlyArray<number | null>): number {
  return Math.max(...values.map((value) => value ?? 0), 1e-9);
}
