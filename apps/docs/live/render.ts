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
 * The chart of a plot for an element of the page: the CLI's chart definition (`vegaLiteSpec`), as wide as the
 * element, axes and legend included (at least 240 px, at most 590), with light ink on the dark theme.
 */
export function pageSpec(plot: PlotSpec, curve: Curve, element: HTMLElement | null): Record<string, unknown> {
  const width = Math.max(240, Math.min(590, element?.clientWidth ?? 590));
  return {
    ...vegaLiteSpec(plot, curve, { width, height: 260 }),
    // the whole chart (axes, titles and legend included) fits the width, not only its plotting area
    autosize: { type: 'fit', contains: 'padding' },
    ...(isDark() ? { config: DARK } : {}),
  };
}

/** Renders a vega-lite spec to SVG text or a PNG data URL. */
export async function renderSpec(spec: Record<string, unknown>, format: 'svg' | 'png'): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec as never).spec), { renderer: 'none' });
  try {
    return format === 'svg' ? await view.toSVG() : await view.toImageURL('png', 2);
  } finally {
    view.finalize();
  }
}

/**
 * Draws a plot into an element as SVG, replacing what was there. Call it again when the element resizes or the
 * theme changes (the live experiment does).
 *
 * @param element - the container
 * @param plot - which columns to draw
 * @param curve - the data
 */
export async function renderInto(element: HTMLElement, plot: PlotSpec, curve: Curve): Promise<void> {
  element.innerHTML = await renderSpec(pageSpec(plot, curve, element), 'svg');
  element.dataset.theme = isDark() ? 'dark' : 'light';
}
