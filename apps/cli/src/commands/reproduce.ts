import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { interactiveSpec, type CheckResult, type TheoryCheck } from '@sgn/experiments';
import { writeFileAtomic } from '../atomic-write.js';
import { provenance } from '../provenance.js';
import { escapeHtml } from '../html.js';
import { embedScript, writeReportAssets } from '../report-assets.js';
import { checkCounts, measuredText, verdictLabel, type CheckOptions } from './check.js';
import type { RunRecord } from './run.js';

/**
 * Writes each check's result.json and a self-contained index.html with every verdict, atomically.
 *
 * @param folder - the output folder
 * @param checks - the checks that ran
 * @param results - their results
 * @param options - preset, seed, backend (recorded)
 */
export function writeReport(
  folder: string,
  checks: readonly TheoryCheck[],
  results: readonly CheckResult[],
  options: CheckOptions,
  records: readonly RunRecord[] = [],
): void {
  const made = provenance(options.backend);
  for (const result of results) {
    const check = checks.find((c) => c.id === result.id);
    writeFileAtomic(
      join(folder, result.id, 'result.json'),
      `${JSON.stringify({ paper: check?.paper, claim: check?.claim, ...options, provenance: made, ...result }, null, 2)}\n`,
    );
  }
  const rows = results
    .map((r) => {
      const check = checks.find((c) => c.id === r.id);
      return `<tr class="${r.verdict}"><td>${verdictLabel(r)}</td><td><a href="${escapeHtml(`${r.id}/result.json`)}">${escapeHtml(r.id)}</a><br><small>${escapeHtml(check?.paper ?? '')}</small></td><td>${escapeHtml(check?.claim ?? '')}</td><td>${escapeHtml(measuredText(r))}</td><td>${escapeHtml(r.expected)}</td><td>${r.seconds.toFixed(1)} s</td></tr>`;
    })
    .join('\n');
  const stopped = results.some((r) => r.verdict === 'interrupted') || results.length < checks.length;
  const scripts = records.some((r) => r.svgs.length > 0) ? writeReportAssets(folder) : [];
  // each figure is its static SVG until the page's script replaces it with the interactive chart of the same spec
  const charts = records.flatMap((r) => r.svgs.map((s) => interactiveSpec(s.spec)));
  writeFileAtomic(
    join(folder, 'index.html'),
    `<!doctype html><html><head><meta charset="utf-8"><title>sgn reproduce (${options.preset})</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.4rem;vertical-align:top}tr.pass td:first-child{color:#070}tr.fail td:first-child{color:#a00;font-weight:bold}tr.interrupted td:first-child{color:#a60}</style></head>
<body><h1>sgn reproduce</h1><p>preset ${options.preset}, seed ${options.seed}, backend ${options.backend}: ${escapeHtml(checkCounts(checks, results))}.</p><p><small>commit ${escapeHtml(String(made.commit ?? 'unknown'))}${made.dirty ? ' (uncommitted changes)' : ''}, ${escapeHtml(String(made.timestamp))}</small></p>${stopped ? '<p><strong>This report is partial: the run was interrupted or checks did not run; an interrupted check has no verdict.</strong></p>' : ''}
${tableOfContents(records)}
<table id="checks"><tr><th>verdict</th><th>check</th><th>claim</th><th>measured</th><th>expected</th><th>time</th></tr>
${rows}
</table>
${sections(folder, records)}
${scripts.map((src) => `<script src="${escapeHtml(src)}"></script>`).join('\n')}
${charts.length ? `<script>${embedScript(charts)}</script>` : ''}
</body></html>
`,
  );
}

/** Links to the verdict table and to each experiment's section. */
function tableOfContents(records: readonly RunRecord[]): string {
  const items = [
    '<li><a href="#checks">checks</a></li>',
    ...records.map((r) => `<li><a href="#${escapeHtml(r.experiment.id)}">${escapeHtml(r.experiment.id)}</a></li>`),
  ];
  return `<nav><h2>Contents</h2><ul>${items.join('')}</ul></nav>`;
}

/**
 * An experiment's section: its claim, settings and scalar metrics, its plots, and a link to every file its run
 * wrote (result.json, CSVs, SVGs with their vega-lite specs, metrics.jsonl), relative to the report.
 */
function experimentSection(folder: string, r: RunRecord, firstChart: number): string {
  const where = relative(folder, r.folder);
  const files = readdirSync(r.folder)
    .filter((name) => !name.startsWith('.'))
    .sort();
  const links = files.map((name) => `<a href="${escapeHtml(join(where, name))}">${escapeHtml(name)}</a>`).join(' · ');
  const settings = Object.entries(r.settings)
    .map(([key, value]) => `${escapeHtml(key)} = ${escapeHtml(String(value))}`)
    .join(', ');
  const scalars = Object.entries(r.output.metrics)
    .filter(([, value]) => typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean')
    .map(([key, value]) => `${escapeHtml(key)} = ${escapeHtml(String(value))}`)
    .join(', ');
  const figures = r.svgs.map(
    (s, i) =>
      `<figure><div class="chart" id="chart-${firstChart + i}">${s.svg}</div><figcaption>${escapeHtml(s.title)}</figcaption></figure>`,
  );
  return [
    `<h2 id="${escapeHtml(r.experiment.id)}">${escapeHtml(r.experiment.id)}</h2>`,
    `<p>${escapeHtml(r.experiment.paper)}: ${escapeHtml(r.experiment.claim)}${r.output.complete ? '' : ' (partial)'}</p>`,
    `<p><small>settings: ${settings}</small></p>`,
    scalars ? `<p><small>metrics: ${scalars}</small></p>` : '',
    `<p><small>files: ${links}</small></p>`,
    ...figures,
  ].join('\n');
}

/** Every experiment's section, its charts numbered in order across the report. */
function sections(folder: string, records: readonly RunRecord[]): string {
  let next = 0;
  return records
    .map((r) => {
      const section = experimentSection(folder, r, next);
      next += r.svgs.length;
      return section;
    })
    .join('\n');
}
