import type { Curve, PlotSpec } from '@sgn/theory';
import * as vega from 'vega';
import { compile } from 'vega-lite';

/**
 * Renders a line plot of a curve as SVG with vega-lite through vega's headless renderer (no canvas, no network).
 *
 * @param plot - which columns to draw
 * @param curve - the data
 * @returns the SVG text
 */
export async function renderPlot(plot: PlotSpec, curve: Curve): Promise<string> {
  const xIndex = curve.columns.indexOf(plot.x);
  const values: { x: number; value: number; series: string }[] = [];
  for (const name of plot.y) {
    const yIndex = curve.columns.indexOf(name);
    for (const row of curve.rows) {
      const [x, value] = [row[xIndex], row[yIndex]];
      if (Number.isFinite(x) && Number.isFinite(value) && (!plot.logY || value > 0)) values.push({ x, value, series: name });
    }
  }
  const encoding = {
    x: { field: 'x', type: 'quantitative', title: plot.x },
    y: { field: 'value', type: 'quantitative', title: plot.y.join(', '), scale: plot.logY ? { type: 'log' } : { zero: false } },
    color: { field: 'series', type: 'nominal', title: null },
  };
  const lines = plot.y.filter((name) => !plot.points?.includes(name));
  const points = plot.y.filter((name) => plot.points?.includes(name));
  const layer = [
    ...(lines.length ? [{ mark: { type: 'line', clip: true }, transform: [{ filter: { field: 'series', oneOf: lines } }], encoding }] : []),
    ...(points.length ? [{ mark: { type: 'point', filled: true, size: 60 }, transform: [{ filter: { field: 'series', oneOf: points } }], encoding }] : []),
  ];
  const spec = { title: plot.title, width: 520, height: 300, data: { values }, layer };
  const view = new vega.View(vega.parse(compile(spec as never).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
