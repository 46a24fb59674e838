import { toCsv, vegaLiteSpec, type Experiment, type ExperimentOutput, type SettingValue } from '@sgn/experiments';

/** A file the page offers to download. */
export interface Download {
  name: string;
  type: string;
  text: string;
}

/**
 * The files `sgn run` writes for a run, made in the page from the same output: result.json (the experiment,
 * preset, seed, backend, settings, paper, claim, whether it completed, the metrics), one CSV per curve and each
 * plot's vega-lite spec (`.vl.json`, data included). The SVG and PNG of each plot are rendered on demand.
 *
 * @param experiment - the experiment that ran
 * @param run - its settings, seed and output
 */
export function runDownloads(
  experiment: Experiment,
  run: { settings: Record<string, SettingValue>; seed: number; output: ExperimentOutput },
): Download[] {
  const { settings, seed, output } = run;
  const result = {
    experiment: experiment.id,
    preset: 'live',
    seed,
    backend: settings.backend,
    settings,
    paper: experiment.paper,
    claim: experiment.claim,
    complete: output.complete,
    metrics: output.metrics,
  };
  return [
    { name: 'result.json', type: 'application/json', text: `${JSON.stringify(result, null, 2)}\n` },
    ...Object.entries(output.curves).map(([name, curve]) => ({
      name: `${name}.csv`,
      type: 'text/csv',
      text: toCsv(curve.columns, curve.rows),
    })),
    ...output.plots
      .filter((plot) => output.curves[plot.curve])
      .map((plot) => ({
        name: `${plot.name}.vl.json`,
        type: 'application/json',
        text: `${JSON.stringify({ $schema: 'https://vega.github.io/schema/vega-lite/v6.json', ...vegaLiteSpec(plot, output.curves[plot.curve]) }, null, 2)}\n`,
      })),
  ];
}

/** Saves a file through the browser's download (an object URL on a temporary link). */
export function saveFile(name: string, type: string, content: string | Blob): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
