import { vegaLiteSpec, type Curve, type PlotSpec } from '@sgn/experiments';
import * as vega from 'vega';
import { compile } from 'vega-lite';

/**
 * Draws a plot into an element as SVG with vega-lite (the chart definition the CLI report uses), replacing what
 * was there.
 *
 * @param element - the container
 * @param plot - which columns to draw
 * @param curve - the data
 */
export async function renderInto(element: HTMLElement, plot: PlotSpec, curve: Curve): Promise<void> {
  const width = Math.max(240, Math.min(520, element.clientWidth - 80));
  // the legend goes under the plot, where long series names fit in a narrow column
  const spec = { ...vegaLiteSpec(plot, curve, { width, height: 220 }), config: { legend: { orient: 'bottom' } } };
  const view = new vega.View(vega.parse(compile(spec as never).spec), { renderer: 'svg' });
  try {
    const svg = await view.toSVG();
    element.innerHTML = svg;
  } finally {
    view.finalize();
  }
}
