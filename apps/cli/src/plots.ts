import { join } from 'node:path';
import { vegaLiteSpec, type Curve, type PlotSpec } from '@sgn/experiments';
import * as vega from 'vega';
import { compile } from 'vega-lite';
import { writeFileAtomic } from './atomic-write.js';

/**
 * Renders a line plot of a curve as SVG with vega-lite through vega's headless renderer (no canvas, no network).
 *
 * @param plot - which columns to draw
 * @param curve - the data
 * @returns the SVG text
 */
export const renderPlot = (plot: PlotSpec, curve: Curve): Promise<string> => renderSpec(vegaLiteSpec(plot, curve));

/**
 * Writes a plot as `<name>.svg` and its vega-lite specification beside it as `<name>.vl.json` (data included, so it
 * opens as it is in any vega-lite editor or `vega-embed`), each atomically.
 *
 * @param folder - where to write
 * @param name - the file name without extension
 * @param spec - the vega-lite specification
 * @returns the SVG text
 */
export async function writePlot(folder: string, name: string, spec: Record<string, unknown>): Promise<string> {
  const svg = await renderSpec(spec);
  writeFileAtomic(join(folder, `${name}.svg`), svg);
  writeFileAtomic(
    join(folder, `${name}.vl.json`),
    `${JSON.stringify({ $schema: 'https://vega.github.io/schema/vega-lite/v6.json', ...spec }, null, 2)}\n`,
  );
  return svg;
}

/**
 * Renders any vega-lite spec (a curve's line plot, a sweep's band or heatmap) as SVG, headless.
 *
 * @param spec - the vega-lite specification
 * @returns the SVG text
 */
export async function renderSpec(spec: Record<string, unknown>): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec as never).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
