import { vegaLiteSpec, type Curve, type PlotSpec } from '@sgn/experiments';
import * as vega from 'vega';
import { compile } from 'vega-lite';

/** Colors of a chart on VitePress's dark theme (the `dark` class on <html>): light ink, faint grid, no background. */
const DARK = {
  background: null,
  title: { color: '#e6e6e6' },
  axis: { labelColor: '#c8c8c8', titleColor: '#e6e6e6', gridColor: '#3a3a3a', domainColor: '#888', tickColor: '#888' },
  legend: { labelColor: '#c8c8c8', titleColor: '#e6e6e6' },
};

/** Whether the page shows VitePress's dark theme. */
export function isDark(): boolean {
  return typeof document !== 'undefined' && document.documentElement.classList.contains('dark');
}

/**
 * Draws a plot into an element as SVG with vega-lite (the chart definition the CLI report uses), replacing what
 * was there: as wide as the element (at least 200 px, at most 520), with light ink on the dark theme. Call it
 * again when the element resizes or the theme changes (the live experiment does).
 *
 * @param element - the container
 * @param plot - which columns to draw
 * @param curve - the data
 */
export async function renderInto(element: HTMLElement, plot: PlotSpec, curve: Curve): Promise<void> {
  // the legend sits under the plot (the spec says so), so the plot may take the element's width less the y axis
  const width = Math.max(200, Math.min(520, element.clientWidth - 70));
  const spec = { ...vegaLiteSpec(plot, curve, { width, height: 220 }), ...(isDark() ? { config: DARK } : {}) };
  const view = new vega.View(vega.parse(compile(spec as never).spec), { renderer: 'svg' });
  try {
    const svg = await view.toSVG();
    element.innerHTML = svg;
    element.dataset.theme = isDark() ? 'dark' : 'light';
  } finally {
    view.finalize();
  }
}
