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
export async function renderPlot(plot: PlotSpec, curve: Curve): Promise<string> {
  const view = new vega.View(vega.parse(compile(vegaLiteSpec(plot, curve) as never).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
