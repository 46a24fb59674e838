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
    ...fitText(vegaLiteSpec(plot, curve, { width, height: PAGE_CHART_HEIGHT }), width),
    // the whole chart (axes, titles and legend included) fits the width, not only its plotting area
    autosize: { type: 'fit', contains: 'padding' },
    ...(isDark() ? { config: DARK } : {}),
  };
}

/** The height of a chart on a page, in pixels (its width follows the element). */
const PAGE_CHART_HEIGHT = 260;

/** Widths of a character of sgn's chart text, in pixels (vega's defaults: 13 px bold titles, 11 px bold axis titles). */
const CHARACTER = { title: 7.5, axisTitle: 6.5 };

/**
 * Splits text at spaces into lines of at most `max` characters; a word longer than that keeps a line of its own.
 *
 * @example wrapLines('the network against f* and the data', 16) // ['the network', 'against f* and', 'the data']
 */
export function wrapLines(text: string, max: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= max) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines;
}

/**
 * The chart's title and axis titles wrapped to its width (vega draws a text array as lines), so that nothing is cut
 * on a narrow page; legends keep their labels whole (they are one per line under the plot).
 */
function fitText(spec: Record<string, unknown>, width: number): Record<string, unknown> {
  type Axis = { title?: unknown };
  const wrap = (title: unknown, pixels: number) =>
    typeof title === 'string' ? wrapLines(title, Math.max(12, Math.floor(pixels))) : title;
  const layers = spec.layer as { encoding?: { x?: Axis; y?: Axis } }[] | undefined;
  return {
    ...spec,
    title: wrap(spec.title, width / CHARACTER.title),
    layer: layers?.map((layer) =>
      layer.encoding?.x || layer.encoding?.y
        ? {
            ...layer,
            encoding: {
              ...layer.encoding,
              ...(layer.encoding.x
                ? { x: { ...layer.encoding.x, title: wrap(layer.encoding.x.title, width / CHARACTER.axisTitle) } }
                : {}),
              ...(layer.encoding.y
                ? {
                    y: {
                      ...layer.encoding.y,
                      title: wrap(layer.encoding.y.title, PAGE_CHART_HEIGHT / CHARACTER.axisTitle),
                    },
                  }
                : {}),
            },
          }
        : layer,
    ),
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

/**
 * Draws a small chart of each mark sgn uses (lines, dashed references, points, bars, rules) off screen: vega's first
 * compile and render take ~0.3-0.5 s of cold code, which the page pays once while it is idle rather than in the first
 * frames of a run.
 */
export async function warmUp(): Promise<void> {
  const plot: PlotSpec = {
    name: 'warm-up',
    title: 'warm-up',
    curve: 'warm-up',
    x: 'x',
    y: ['line', 'reference', 'point', 'bar'],
    reference: ['reference'],
    points: ['point'],
    bars: ['bar'],
    rules: [{ y: 0.5, label: 'rule' }],
    path: true,
  };
  const curve: Curve = {
    columns: ['x', ...plot.y],
    rows: [
      [0, 0, 1, 0.5, 1],
      [1, 1, 0, 0.5, 2],
    ],
  };
  await renderSpec(pageSpec(plot, curve, null), 'svg');
}
