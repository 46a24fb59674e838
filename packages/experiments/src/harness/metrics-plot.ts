import type { Curve, MetricsPlot, PlotSpec } from './experiment.js';

/** The series name of field `y` of run `run` (the field alone when the plot draws one field). */
function seriesName(plot: MetricsPlot, run: string, y: string): string {
  const label = plot.labels?.[y] ?? y;
  return plot.y.length === 1 ? run : `${run}: ${label}`;
}

/**
 * The records of a run so far as a curve and a plot of it: columns x, then one per run and y field in the order
 * they first appear; a row per record, with NaN in the other runs' columns (left out when drawn). Records without a
 * finite x are skipped; a record without a `run` field belongs to the run named `run`.
 *
 * @param plot - which fields to draw
 * @param records - the records, in the order they came
 * @returns the curve and a {@link PlotSpec} that draws it with {@link vegaLiteSpec}
 * @example
 * ```ts
 * metricsCurve({ name: 'loss', title: 'Loss', x: 'step', y: ['loss'] }, [
 *   { run: 'a', step: 0, loss: 2 }, { run: 'b', step: 0, loss: 3 }, { run: 'a', step: 10, loss: 1 },
 * ]).curve; // { columns: ['step', 'a', 'b'], rows: [[0, 2, NaN], [0, NaN, 3], [10, 1, NaN]] }
 * ```
 */
export function metricsCurve(
  plot: MetricsPlot,
  records: readonly Record<string, unknown>[],
): { curve: Curve; spec: PlotSpec } {
  const columns = [plot.x];
  const index = new Map<string, number>();
  const rows: number[][] = [];
  for (const record of records) {
    const x = record[plot.x];
    if (typeof x !== 'number' || !Number.isFinite(x)) continue;
    const run = typeof record.run === 'string' ? record.run : 'run';
    if (plot.runs && !plot.runs.includes(run)) continue;
    const cells: [number, number][] = [];
    for (const y of plot.y) {
      const value = record[y];
      if (typeof value !== 'number') continue;
      const name = seriesName(plot, run, y);
      if (!index.has(name)) {
        index.set(name, columns.length);
        columns.push(name);
      }
      cells.push([index.get(name)!, value]);
    }
    if (cells.length === 0) continue;
    const row = [x];
    for (const [i, value] of cells) row[i] = value;
    rows.push(row);
  }
  // rows written before a later run's column existed are padded to the full width
  const width = columns.length;
  const padded = rows.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? Number.NaN));
  return {
    curve: { columns, rows: padded },
    spec: {
      name: plot.name,
      title: plot.title,
      curve: plot.name,
      x: plot.x,
      y: columns.slice(1),
      logY: plot.logY,
      xTitle: plot.xTitle ?? plot.x,
      yTitle: plot.yTitle ?? plot.y.join(', '),
      integerX: plot.integerX,
      path: plot.path,
    },
  };
}
