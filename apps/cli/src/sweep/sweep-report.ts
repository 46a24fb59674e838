import { join } from 'node:path';
import {
  interactiveSpec,
  sweepBandSpec,
  sweepCurveSpec,
  sweepHeatmapSpec,
  type SweepCell,
  type SweepCurve,
  type SweepCurvePoint,
} from '@sgn/experiments';
import { parseDecimal } from '@sgn/tensor';
import { writeFileAtomic } from '../atomic-write.js';
import { escapeHtml } from '../html.js';
import { writePlot } from '../plots.js';
import { embedScript, writeReportAssets } from '../report-assets.js';
import type { PointAggregate } from './aggregate.js';
import type { GridAxis } from './grid.js';

/** How many metrics a sweep plots when `--plot` does not name them. */
export const DEFAULT_PLOTS = 4;

/** A swept value as the plot takes it: a number when it reads as one, else the text (a choice). */
const cellValue = (text: string): number | string => (Number.isFinite(parseDecimal(text)) ? parseDecimal(text) : text);

/** A numeric axis given as `a..b*n`, or whose positive values span two decades or more, is drawn on a log scale. */
export function logAxis(axis: GridAxis): boolean {
  if (axis.spacing === 'log') return true;
  const numbers = axis.values.map(parseDecimal);
  if (!numbers.every((v) => Number.isFinite(v) && v > 0)) return false;
  return Math.max(...numbers) / Math.min(...numbers) >= 100;
}

/** The metrics plotted by default: the first scalar ones (not array entries) in the aggregate's order. */
export function defaultPlotMetrics(points: readonly PointAggregate[]): string[] {
  const paths = [...new Set(points.flatMap((p) => Object.keys(p.metrics)))];
  return paths.filter((path) => !path.includes('[')).slice(0, DEFAULT_PLOTS);
}

/**
 * The points of one sweep curve at one grid point: entry i of each `y` array (paths `y[i]`) against the mean of
 * `x[i]`, for every i where both have statistics.
 */
export function curvePoints(point: PointAggregate, curve: SweepCurve): SweepCurvePoint[] {
  const out: SweepCurvePoint[] = [];
  for (let i = 0; point.metrics[`${curve.x}[${i}]`]; i++) {
    const x = point.metrics[`${curve.x}[${i}]`].mean;
    for (const series of curve.y) {
      const stats = point.metrics[`${series}[${i}]`];
      if (stats) out.push({ x, series, mean: stats.mean, min: stats.min, max: stats.max });
    }
  }
  return out;
}

/**
 * Writes the sweep's plots (one swept setting: each metric against it with a band over seeds; two: a heatmap of
 * each metric's mean, the phase diagram) as SVG, and an index.html that shows them and links the aggregate, the
 * manifest and every run's folder.
 *
 * @param out - the sweep folder
 * @param experiment - the experiment id
 * @param axes - the swept settings
 * @param points - the aggregate
 * @param metrics - the metric paths to plot
 * @param runKeys - every run's folder key, for the links
 * @returns the names of the SVG files written
 */
export async function writeSweepReport(
  out: string,
  experiment: string,
  axes: readonly GridAxis[],
  points: readonly PointAggregate[],
  metrics: readonly string[],
  runKeys: readonly string[],
  curves: readonly SweepCurve[] = [],
): Promise<string[]> {
  const svgs: string[] = [];
  const captions: string[] = [];
  const specs: Record<string, unknown>[] = [];
  if (axes.length <= 2) {
    for (const [index, metric] of metrics.entries()) {
      const cells: SweepCell[] = points.flatMap((p) => {
        const stats = p.metrics[metric];
        if (!stats) return [];
        const [x, y] = axes.map((a) => cellValue(p.settings[a.key]));
        return [
          { x, ...(axes.length === 2 ? { y } : {}), mean: stats.mean, min: stats.min, max: stats.max, n: stats.n },
        ];
      });
      const title = `${experiment}: ${metric} over ${axes.map((a) => a.key).join(' x ')}`;
      const spec =
        axes.length === 1
          ? sweepBandSpec(title, { key: axes[0].key, log: logAxis(axes[0]) }, metric, cells)
          : sweepHeatmapSpec(title, [axes[0].key, axes[1].key], metric, cells);
      const name = `plot-${index + 1}`;
      await writePlot(out, name, spec);
      svgs.push(`${name}.svg`);
      specs.push(spec);
      captions.push(metric);
    }
  }
  // array metrics declared by the experiment: one plot per curve and grid point, a band over seeds per series
  for (const curve of curves) {
    for (const [index, point] of points.entries()) {
      const values = curvePoints(point, curve);
      if (values.length === 0) continue;
      const where = Object.entries(point.settings)
        .map(([key, value]) => `${key} ${value}`)
        .join(', ');
      const name = `curve-${curve.name}-${index + 1}`;
      const title = `${curve.title}${where ? ` (${where})` : ''}, ${point.seeds.length} seeds`;
      const spec = sweepCurveSpec(title, curve.x, values, curve.logY);
      await writePlot(out, name, spec);
      svgs.push(`${name}.svg`);
      specs.push(spec);
      captions.push(`${curve.title}${where ? `: ${where}` : ''}`);
    }
  }
  const figures = svgs
    .map(
      (name, i) =>
        `<figure><div class="chart" id="chart-${i}"><img src="${name}" alt="${escapeHtml(captions[i])}"></div><figcaption>${escapeHtml(captions[i])}</figcaption></figure>`,
    )
    .join('\n');
  const note =
    axes.length > 2
      ? '<p>More than two swept settings: no plot (slice sweep.csv by the settings you hold fixed).</p>'
      : '';
  // interactive charts from the report's own copies of vega, vega-lite and vega-embed (offline); images without JS
  const scripts = specs.length > 0 ? writeReportAssets(out) : [];
  const runs = runKeys.map((key) => `<li><a href="runs/${key}/${experiment}/">${key}</a></li>`).join('');
  writeFileAtomic(
    join(out, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>sweep ${escapeHtml(experiment)}</title>
<h1>Sweep of ${escapeHtml(experiment)} over ${escapeHtml(axes.map((a) => a.key).join(', '))}</h1>
<p><a href="sweep.csv">sweep.csv</a> (one row per grid point: mean, sd, min, max, n over seeds) ·
<a href="sweep.json">sweep.json</a> · <a href="manifest.json">manifest.json</a></p>
${note}${figures}
<details><summary>${runKeys.length} runs</summary><ul>${runs}</ul></details>
${scripts.map((src) => `<script src="${escapeHtml(src)}"></script>`).join('\n')}
${specs.length ? `<script>${embedScript(specs.map(interactiveSpec))}</script>` : ''}
`,
  );
  return svgs;
}
