import type { Curve, PlotSpec } from './experiment.js';

/**
 * The vega-lite specification of a line plot of one curve: the x column against each y column (lines, or points
 * for the columns in `plot.points`), with non-finite values (and non-positive ones on a log axis) left out. The CLI
 * renders it headless to SVG, the docs site live in the page: one chart definition for both.
 *
 * @param plot - which columns to draw
 * @param curve - the data
 * @param size - width and height in pixels (default 520 x 300)
 * @returns a vega-lite spec (pass it to vega-lite's `compile`)
 */
export function vegaLiteSpec(
  plot: PlotSpec,
  curve: Curve,
  size: { width: number; height: number } = { width: 520, height: 300 },
): Record<string, unknown> {
  const xIndex = curve.columns.indexOf(plot.x);
  const values: { x: number; value: number; series: string }[] = [];
  for (const name of plot.y) {
    const yIndex = curve.columns.indexOf(name);
    for (const row of curve.rows) {
      const [x, value] = [row[xIndex], row[yIndex]];
      if (Number.isFinite(x) && Number.isFinite(value) && (!plot.logY || value > 0))
        values.push({ x, value, series: name });
    }
  }
  const encoding = {
    x: { field: 'x', type: 'quantitative', title: plot.x },
    y: {
      field: 'value',
      type: 'quantitative',
      title: plot.y.join(', '),
      scale: plot.logY ? { type: 'log' } : { zero: false },
    },
    color: { field: 'series', type: 'nominal', title: null },
  };
  const lines = plot.y.filter((name) => !plot.points?.includes(name));
  const points = plot.y.filter((name) => plot.points?.includes(name));
  const layer = [
    ...(lines.length
      ? [{ mark: { type: 'line', clip: true }, transform: [{ filter: { field: 'series', oneOf: lines } }], encoding }]
      : []),
    ...(points.length
      ? [
          {
            mark: { type: 'point', filled: true, size: 60 },
            transform: [{ filter: { field: 'series', oneOf: points } }],
            encoding,
          },
        ]
      : []),
  ];
  return { title: plot.title, ...size, data: { values }, layer };
}
