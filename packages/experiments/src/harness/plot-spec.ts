import type { Curve, PlotSpec } from './experiment.js';

/** The size of every chart sgn draws (curves and sweeps; CLI SVGs and the site), in pixels. */
const CHART_SIZE = { width: 520, height: 300 };

/** Axis settings of an integer axis: whole-number ticks only. */
const INTEGER_AXIS = { tickMinStep: 1, format: 'd' };

/** The dash of reference series and rules: measured curves are solid. */
const REFERENCE_DASH = [6, 4];

/**
 * The vega-lite specification of a line plot of one curve: the x column against each y column (lines, or points
 * for the columns in `plot.points`, bars for `plot.bars`), with non-finite values (and non-positive ones on a log axis) left out. Reference
 * columns (`plot.reference`) are drawn dashed in a first layer, the measured ones after them, on top; `plot.rules`
 * are dashed horizontal lines with their labels. Axis titles come from `xTitle` / `yTitle` (the column names by
 * default); `logX` / `logY` and `integerX` / `integerY` shape the axes; `path` joins each line's points in row order
 * (a path in the plane) and `equalAxes` makes the chart square with one domain on both axes. The CLI renders it headless to SVG (and
 * writes it beside as `.vl.json`), the docs site live in the page: one chart definition for both.
 *
 * @param plot - which columns to draw
 * @param curve - the data
 * @param size - width and height in pixels (default 520 x 300)
 * @returns a vega-lite spec (pass it to vega-lite's `compile`)
 */
export function vegaLiteSpec(
  plot: PlotSpec,
  curve: Curve,
  size: { width: number; height: number } = CHART_SIZE,
): Record<string, unknown> {
  const xIndex = curve.columns.indexOf(plot.x);
  const label = (name: string) => plot.labels?.[name] ?? name;
  // a path's points carry their row's index as `order`: its lines join them in that order (lines sort by x otherwise)
  const values: { x: number; value: number; series: string; order?: number }[] = [];
  for (const name of plot.y) {
    const yIndex = curve.columns.indexOf(name);
    curve.rows.forEach((row, order) => {
      const [x, value] = [row[xIndex], row[yIndex]];
      if (Number.isFinite(x) && Number.isFinite(value) && (!plot.logY || value > 0) && (!plot.logX || x > 0))
        values.push({ x, value, series: label(name), ...(plot.path ? { order } : {}) });
    });
  }
  const domain = plot.equalAxes ? sharedDomain(values) : undefined;
  const encoding = {
    x: {
      field: 'x',
      type: 'quantitative',
      title: plot.xTitle ?? plot.x,
      scale: plot.logX ? { type: 'log' } : { zero: false, ...(domain ? { domain } : {}) },
      ...(plot.integerX ? { axis: INTEGER_AXIS } : {}),
    },
    y: {
      field: 'value',
      type: 'quantitative',
      title: plot.yTitle ?? plot.y.join(', '),
      scale: plot.logY ? { type: 'log' } : { zero: false, ...(domain ? { domain } : {}) },
      ...(plot.integerY ? { axis: INTEGER_AXIS } : {}),
    },
    // every series in the legend, in the plot's order, whichever layer draws it
    color: {
      field: 'series',
      type: 'nominal',
      title: null,
      sort: plot.y.map(label),
      // legend names are sentences ("f*, the exact lp minimizer"): no truncation, one per line under the plot
      legend: { orient: 'bottom', direction: 'vertical', labelLimit: 0 },
    },
    ...(plot.path ? { order: { field: 'order', type: 'quantitative' } } : {}),
  };
  const references = plot.y.filter((name) => plot.reference?.includes(name)).map(label);
  const measured = plot.y.filter((name) => !plot.reference?.includes(name));
  const drawnAs = (names: string[] | undefined) => measured.filter((name) => names?.includes(name)).map(label);
  const points = drawnAs(plot.points);
  const bars = drawnAs(plot.bars);
  const lines = measured.filter((name) => !plot.points?.includes(name) && !plot.bars?.includes(name)).map(label);
  const only = (names: string[]) => [{ filter: { field: 'series', oneOf: names } }];
  const layer = [
    ...(bars.length ? [{ mark: { type: 'bar', opacity: 0.6, clip: true }, transform: only(bars), encoding }] : []),
    ...(references.length
      ? [{ mark: { type: 'line', clip: true, strokeDash: REFERENCE_DASH }, transform: only(references), encoding }]
      : []),
    ...(lines.length ? [{ mark: { type: 'line', clip: true }, transform: only(lines), encoding }] : []),
    ...(points.length ? [{ mark: { type: 'point', filled: true, size: 60 }, transform: only(points), encoding }] : []),
    ...(plot.rules?.length
      ? [
          {
            data: { values: plot.rules },
            mark: { type: 'rule', strokeDash: REFERENCE_DASH, color: 'gray' },
            encoding: { y: { field: 'y', type: 'quantitative' } },
          },
          {
            data: { values: plot.rules },
            mark: { type: 'text', align: 'left', dx: 4, dy: -6, color: 'gray' },
            encoding: { y: { field: 'y', type: 'quantitative' }, x: { value: 0 }, text: { field: 'label' } },
          },
        ]
      : []),
  ];
  // equal axes: a square chart, so that one unit is as long on both axes (a circle stays round)
  const drawn = plot.equalAxes ? { width: size.height, height: size.height } : size;
  return { title: plot.title, ...drawn, data: { values }, layer };
}

/** One domain for both axes of an equal-axes chart: the smallest interval that holds every x and every value. */
function sharedDomain(values: readonly { x: number; value: number }[]): [number, number] | undefined {
  if (values.length === 0) return undefined;
  let [low, high] = [Infinity, -Infinity];
  for (const { x, value } of values) {
    low = Math.min(low, x, value);
    high = Math.max(high, x, value);
  }
  return [low, high];
}

/**
 * A chart spec made interactive for a page (the report, the site): tooltips on every layer that draws the chart's
 * data (a {@link vegaLiteSpec} shows each point's series, x and value; the sweep specs their encoded fields), and zoom
 * and pan (drag, wheel; double-click resets) on the first layer when its x axis is quantitative. Layers with data of
 * their own (rules) are left as they are.
 *
 * @param spec - a spec from {@link vegaLiteSpec}, {@link sweepBandSpec}, {@link sweepHeatmapSpec} or {@link sweepCurveSpec}
 * @returns a new spec
 */
export function interactiveSpec(spec: Record<string, unknown>): Record<string, unknown> {
  type Layer = {
    mark: string | Record<string, unknown>;
    encoding?: Record<string, unknown> & { x?: { type?: string } };
    data?: unknown;
  };
  const layers = spec.layer as Layer[];
  if (!Array.isArray(layers)) return spec;
  const first = (spec.data as { values?: Record<string, unknown>[] } | undefined)?.values?.[0];
  const curve = first !== undefined && 'series' in first && 'value' in first;
  const tooltip = [
    { field: 'series', type: 'nominal', title: 'series' },
    { field: 'x', type: 'quantitative', title: 'x' },
    { field: 'value', type: 'quantitative', title: 'value', format: '.6g' },
  ];
  return {
    ...spec,
    layer: layers.map((layer, i) => {
      if (layer.data !== undefined || !layer.encoding) return layer;
      const zoom = i === 0 && layer.encoding.x?.type === 'quantitative';
      const mark = typeof layer.mark === 'string' ? { type: layer.mark } : layer.mark;
      return {
        ...layer,
        ...(zoom ? { params: [{ name: 'zoom', select: 'interval', bind: 'scales' }] } : {}),
        ...(curve ? { encoding: { ...layer.encoding, tooltip } } : { mark: { ...mark, tooltip: true } }),
      };
    }),
  };
}

/** One grid point of a sweep plot: the swept values and a metric's statistics over seeds. */
export interface SweepCell {
  x: number | string;
  y?: number | string;
  mean: number;
  min: number;
  max: number;
  n: number;
}

/**
 * The vega-lite specification of a swept metric against one swept setting: the mean over seeds as a line with
 * points, and a band from the smallest to the largest seed's value (so a reader sees the spread, not only the
 * mean). Numeric settings spaced over decades get a log axis.
 *
 * @param title - the chart title
 * @param axis - the swept setting (x) and whether it is drawn on a log scale
 * @param metric - the metric's path (y)
 * @param cells - one per grid point
 * @returns a vega-lite spec
 */
export function sweepBandSpec(
  title: string,
  axis: { key: string; log: boolean },
  metric: string,
  cells: readonly SweepCell[],
): Record<string, unknown> {
  const numeric = cells.every((c) => typeof c.x === 'number');
  const x = {
    field: 'x',
    type: numeric ? 'quantitative' : 'ordinal',
    title: axis.key,
    ...(numeric && axis.log ? { scale: { type: 'log' } } : {}),
  };
  const values = cells.filter((c) => Number.isFinite(c.mean));
  return {
    title,
    ...CHART_SIZE,
    data: { values },
    layer: [
      {
        mark: { type: 'area', opacity: 0.25 },
        encoding: { x, y: { field: 'min', type: 'quantitative' }, y2: { field: 'max' } },
      },
      {
        mark: { type: 'line', point: true },
        encoding: {
          x,
          y: {
            field: 'mean',
            type: 'quantitative',
            title: `${metric} (mean; band: min to max over seeds)`,
            scale: { zero: false },
          },
        },
      },
    ],
  };
}

/**
 * The vega-lite specification of a phase diagram: a swept metric's mean over seeds on the grid of two swept
 * settings, one colored cell per grid point with its value written in it.
 *
 * @param title - the chart title
 * @param axes - the two swept settings (x, y)
 * @param metric - the metric's path
 * @param cells - one per grid point
 * @returns a vega-lite spec
 */
export function sweepHeatmapSpec(
  title: string,
  axes: readonly [string, string],
  metric: string,
  cells: readonly SweepCell[],
): Record<string, unknown> {
  const encoding = {
    x: { field: 'x', type: 'ordinal', title: axes[0], sort: null, axis: { labelAngle: 0 } },
    y: { field: 'y', type: 'ordinal', title: axes[1], sort: null },
  };
  const values = cells.filter((c) => Number.isFinite(c.mean)).map((c) => ({ ...c, label: c.mean.toPrecision(3) }));
  // the default scheme runs from light to dark: write the value in white on the darker half of the cells
  const means = values.map((c) => c.mean);
  const middle = (Math.min(...means) + Math.max(...means)) / 2;
  const ink = { condition: { test: `datum.mean > ${middle}`, value: 'white' }, value: 'black' };
  return {
    title,
    ...CHART_SIZE,
    data: { values },
    layer: [
      {
        mark: 'rect',
        encoding: { ...encoding, color: { field: 'mean', type: 'quantitative', title: `${metric} (mean)` } },
      },
      { mark: { type: 'text', fontSize: 11 }, encoding: { ...encoding, text: { field: 'label' }, color: ink } },
    ],
  };
}

/** One point of a sweep curve: an array metric's entry at x, its statistics over seeds. */
export interface SweepCurvePoint {
  x: number;
  series: string;
  mean: number;
  min: number;
  max: number;
}

/**
 * The vega-lite specification of array metrics over an x array at one grid point of a sweep: each series' mean
 * over seeds as a line, with a band from the smallest to the largest seed's value in the series' color.
 *
 * @param title - the chart title
 * @param xTitle - the x array's name
 * @param points - every series' points
 * @param logY - a log y axis (the points at or below 0 are left out)
 * @returns a vega-lite spec
 */
export function sweepCurveSpec(
  title: string,
  xTitle: string,
  points: readonly SweepCurvePoint[],
  logY = false,
): Record<string, unknown> {
  const values = points.filter((p) => Number.isFinite(p.mean) && (!logY || p.min > 0));
  const x = { field: 'x', type: 'quantitative', title: xTitle };
  const color = { field: 'series', type: 'nominal', title: null, legend: { orient: 'bottom' } };
  const y = { type: 'quantitative', ...(logY ? { scale: { type: 'log' } } : { scale: { zero: false } }) };
  return {
    title,
    ...CHART_SIZE,
    data: { values },
    layer: [
      {
        mark: { type: 'area', opacity: 0.2 },
        encoding: { x, y: { ...y, field: 'min' }, y2: { field: 'max' }, color },
      },
      {
        mark: { type: 'line', point: { size: 12 } },
        encoding: { x, y: { ...y, field: 'mean', title: 'mean over seeds (band: min to max)' }, color },
      },
    ],
  };
}
