import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from './atomic-write.js';

/**
 * The browser builds the report's interactive plots load, from the installed packages (no CDN: a report opened
 * from disk, offline, still draws them). vega-embed needs vega and vega-lite loaded before it.
 */
const ASSETS = [
  ['vega', 'build/vega.min.js'],
  ['vega-lite', 'build/vega-lite.min.js'],
  ['vega-embed', 'build/vega-embed.min.js'],
] as const;

/** The folder of an installed package (its exports hide package.json, so walk up from its entry point). */
function packageDir(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.resolve(name)));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name)
      return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the folder of the installed package ${name}`);
    dir = parent;
  }
}

/**
 * Copies vega, vega-lite and vega-embed's browser builds into `folder/assets/`, atomically.
 *
 * @returns their paths relative to `folder`, in load order
 */
export function writeReportAssets(folder: string): string[] {
  return ASSETS.map(([name, file]) => {
    const target = `assets/${file.split('/').pop()}`;
    writeFileAtomic(join(folder, target), readFileSync(join(packageDir(name), file), 'utf8'));
    return target;
  });
}

/**
 * The page script of a report: vega-embed draws chart i into #chart-i (tooltips, zoom and pan, the export and source
 * menu), replacing its static picture; where the script cannot run, the picture stays. `<` is escaped so a spec's
 * text cannot end the script element.
 *
 * @param charts - the (interactive) vega-lite specs, in the order of the page's #chart-i elements
 */
export function embedScript(charts: readonly Record<string, unknown>[]): string {
  const specs = JSON.stringify(charts).replace(/</g, '\\u003c');
  return `const specs = ${specs};
for (const [i, spec] of specs.entries()) {
  vegaEmbed('#chart-' + i, spec, { actions: { export: true, source: true, compiled: false, editor: false } })
    .then(() => document.getElementById('chart-' + i).setAttribute('data-embedded', 'true'))
    .catch((error) => console.error('chart ' + i + ': ' + error.message));
}`;
}
