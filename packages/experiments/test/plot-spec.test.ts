import { expect, it } from 'vitest';
import {
  interactiveSpec,
  sweepBandSpec,
  sweepHeatmapSpec,
  vegaLiteSpec,
  type Curve,
  type PlotSpec,
} from '../src/index.js';

const curve: Curve = {
  columns: ['x', 'exact', 'trained', 'data'],
  rows: [
    [-1, 0, 0.1, 0],
    [0, 1, 0.9, 1],
    [2, 0, Number.NaN, 0],
  ],
};

/** The parts of a vega-lite spec these tests read. */
interface Encoding {
  x: { title: string; scale: unknown; axis?: unknown };
  y: { title: string; axis?: unknown };
  color: { sort: string[] };
  text: { field: string };
}
interface Layer {
  mark: { type: string; strokeDash?: number[] };
  transform?: { filter: { oneOf: string[] } }[];
  encoding: Encoding;
  data: { values: unknown[] };
}
interface Spec {
  layer: Layer[];
  data: { values: unknown[] };
}
const specOf = (plot: PlotSpec) => vegaLiteSpec(plot, curve) as unknown as Spec;

it('reference columns are drawn dashed in the first layer, the measured ones solid on top, points last', () => {
  const plot: PlotSpec = {
    name: 'f',
    title: 'fit',
    curve: 'c',
    x: 'x',
    y: ['exact', 'trained', 'data'],
    reference: ['exact'],
    points: ['data'],
    xTitle: 'x (input)',
    yTitle: 'f(x)',
  };
  const spec = specOf(plot);
  expect(spec.layer.map((l) => [l.mark.type, l.mark.strokeDash ?? null, l.transform?.[0].filter.oneOf])).toEqual([
    ['line', [6, 4], ['exact']],
    ['line', null, ['trained']],
    ['point', null, ['data']],
  ]);
  const { encoding } = spec.layer[0];
  expect([encoding.x.title, encoding.y.title]).toEqual(['x (input)', 'f(x)']);
  // the legend keeps the plot's order whichever layer draws a series
  expect(encoding.color.sort).toEqual(['exact', 'trained', 'data']);
  // the NaN of `trained` at x = 2 is left out: 3 + 2 + 3 values
  expect(spec.data.values).toHaveLength(8);
  // legend names by column, in the layers and the legend order alike
  const named = specOf({ ...plot, labels: { exact: 'f* (exact)' } });
  expect(named.layer[0].transform?.[0].filter.oneOf).toEqual(['f* (exact)']);
  expect(named.layer[0].encoding.color.sort).toEqual(['f* (exact)', 'trained', 'data']);
  expect(new Set(named.data.values.map((v) => (v as { series: string }).series))).toEqual(
    new Set(['f* (exact)', 'trained', 'data']),
  );
});

it('log x leaves out x <= 0; integer axes tick whole numbers; rules are labelled dashed lines in their own data', () => {
  const plot: PlotSpec = {
    name: 's',
    title: 'sparsity',
    curve: 'c',
    x: 'x',
    y: ['trained'],
    logX: true,
    integerY: true,
    rules: [{ y: 6, label: '2N = 6' }],
  };
  const spec = specOf(plot);
  expect(spec.data.values).toEqual([]); // x = -1 and 0 are not on a log axis; x = 2 has NaN
  const spec2 = specOf({ ...plot, y: ['data'] });
  expect(spec2.data.values).toEqual([{ x: 2, value: 0, series: 'data' }]);
  const encoding = spec2.layer[0].encoding;
  expect(encoding.x.scale).toEqual({ type: 'log' });
  expect(encoding.y.axis).toEqual({ tickMinStep: 1, format: 'd' });
  expect(encoding.x.axis).toBeUndefined();
  const [rule, text] = spec2.layer.slice(1);
  expect([rule.mark.type, rule.mark.strokeDash, rule.data.values]).toEqual([
    'rule',
    [6, 4],
    [{ y: 6, label: '2N = 6' }],
  ]);
  expect([text.mark.type, text.encoding.text.field]).toEqual(['text', 'label']);
});

it('interactiveSpec: tooltips on every data layer (not on the rules), zoom and pan bound to the first layer', () => {
  const plot: PlotSpec = {
    name: 'f',
    title: 'fit',
    curve: 'c',
    x: 'x',
    y: ['exact', 'trained'],
    reference: ['exact'],
    rules: [{ y: 1, label: 'one' }],
  };
  const spec = interactiveSpec(vegaLiteSpec(plot, curve)) as unknown as {
    layer: { params?: unknown[]; encoding: { tooltip?: { field: string }[] } }[];
  };
  expect(spec.layer.map((l) => l.encoding.tooltip?.map((t) => t.field) ?? null)).toEqual([
    ['series', 'x', 'value'],
    ['series', 'x', 'value'],
    null,
    null,
  ]);
  expect(spec.layer.map((l) => l.params ?? null)).toEqual([
    [{ name: 'zoom', select: 'interval', bind: 'scales' }],
    null,
    null,
    null,
  ]);
  // the static spec is not changed
  expect((vegaLiteSpec(plot, curve) as { layer: { params?: unknown }[] }).layer[0].params).toBeUndefined();
});

it('interactiveSpec on sweep charts: tooltips of the encoded fields; zoom only on a quantitative x axis', () => {
  const cells = [
    { x: 1, y: 'a', mean: 0.5, min: 0.4, max: 0.6, n: 2 },
    { x: 10, y: 'b', mean: 0.7, min: 0.6, max: 0.8, n: 2 },
  ];
  type Layers = { layer: { mark: { type: string; tooltip?: boolean }; params?: unknown[] }[] };
  const band = interactiveSpec(sweepBandSpec('t', { key: 'x', log: true }, 'm', cells)) as unknown as Layers;
  expect(band.layer.map((l) => [l.mark.type, l.mark.tooltip ?? null, l.params ? 'zoom' : null])).toEqual([
    ['area', true, 'zoom'],
    ['line', true, null],
  ]);
  const heat = interactiveSpec(sweepHeatmapSpec('t', ['x', 'y'], 'm', cells)) as unknown as Layers;
  // ordinal axes cannot be zoomed by scale binding: no zoom, tooltips only; the string mark becomes an object
  expect(heat.layer.map((l) => [l.mark.type, l.mark.tooltip ?? null, l.params ? 'zoom' : null])).toEqual([
    ['rect', true, null],
    ['text', true, null],
  ]);
});

it('a path joins its points in row order, equal axes share one domain on a square chart, bars draw a histogram', () => {
  // a path that turns back on x: sorted by x its line would run (0,0) (0.5,1) (1,0.5), in row order (0,0) (1,0.5) (0.5,1)
  const path: Curve = {
    columns: ['x', 'walk', 'counts'],
    rows: [
      [0, 0, 3],
      [1, 0.5, Number.NaN],
      [0.5, 1.5, 1],
    ],
  };
  const plot: PlotSpec = { name: 'p', title: 'path', curve: 'c', x: 'x', y: ['walk'], path: true, equalAxes: true };
  const spec = vegaLiteSpec(plot, path) as unknown as Spec & { width: number; height: number };
  const values = spec.data.values as { x: number; value: number; order: number }[];
  expect(values.map((v) => v.order)).toEqual([0, 1, 2]);
  const encoding = spec.layer[0].encoding as unknown as Encoding & {
    order: { field: string };
    y: { scale: { domain: number[] } };
  };
  expect(encoding.order.field).toBe('order');
  // one domain from the smallest to the largest of every x and y: 0 to 1.5 on both axes
  expect((encoding.x.scale as { domain: number[] }).domain).toEqual([0, 1.5]);
  expect(encoding.y.scale.domain).toEqual([0, 1.5]);
  expect([spec.width, spec.height]).toEqual([300, 300]);
  // without `path` lines sort by x (no order field, no order encoding); without equalAxes no shared domain
  const plain = vegaLiteSpec({ ...plot, path: false, equalAxes: false }, path) as unknown as Spec & { width: number };
  expect('order' in (plain.data.values[0] as object)).toBe(false);
  expect('order' in plain.layer[0].encoding).toBe(false);
  expect(plain.width).toBe(520);
  // bars: one layer of bars for the histogram column, the NaN count left out
  const bars = vegaLiteSpec({ ...plot, y: ['counts'], bars: ['counts'] }, path) as unknown as Spec;
  expect(bars.layer.map((l) => l.mark.type)).toEqual(['bar']);
  expect(bars.data.values).toHaveLength(2);
});
