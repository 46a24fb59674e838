import { vegaLiteSpec, type Curve, type PlotSpec } from '@sgn/experiments';
import * as vega from 'vega';
import { compile } from 'vega-lite';

/**
 * Renders a line plot of a curve as SVG with vega-lite through vega's headless renderer (no canvas, no network).
 *
 * @param plot - which columns to draw
 * @param curve - the data
 * @returns the SVG text
 */
export const renderPlot = (plot: PlotSpec, curve: Curve): Promise<string> => renderSpec(vegaLiteSpec(plot, curve));

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
