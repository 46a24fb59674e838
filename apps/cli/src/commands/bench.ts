import '@sgn/backend-cpu';
import '@sgn/backend-wasm';
import { peakPlateau } from '@sgn/data';
import { useBackend } from '@sgn/tensor';
import { trainUnivariateLp, type LpEngine } from '@sgn/theory';

/** One timed workload on one engine/backend. */
export interface BenchRow {
  workload: string;
  engine: string;
  msPerStep: number;
  /** The read-out compared across engines before a time is reported. */
  activeNeurons: number;
  interpolationError: number;
}

/**
 * Times Algorithm 1 on peak/plateau (width 80, p 0.4, λ 0.003) on the fused float64 engine and on the tensor path
 * (cpu and wasm backends), in one process, after checking that the engines end with the same read-out (same
 * active neurons, interpolation errors within 1e-2: float32 and float64 Adam trajectories drift apart slowly). The
 * PyTorch peer of the benchmark issue is not part of this yet.
 *
 * @param steps - Adam steps per engine
 */
export async function benchLp(steps: number): Promise<BenchRow[]> {
  const settings = { method: 'lp' as const, p: 0.4, width: 80, lambda: 0.003, steps, seed: 20, every: steps };
  const rows: BenchRow[] = [];
  const runs: [string, LpEngine, string][] = [['fused float64', 'fused', 'cpu'], ['tensor cpu', 'tensor', 'cpu'], ['tensor wasm', 'tensor', 'wasm']];
  for (const [engine, kind, backend] of runs) {
    await useBackend(backend);
    const start = performance.now();
    const run = await trainUnivariateLp(peakPlateau(), { ...settings, engine: kind });
    rows.push({ workload: `lp Algorithm 1, width 80, ${steps} steps`, engine, msPerStep: (performance.now() - start) / steps, activeNeurons: run.activeNeurons, interpolationError: run.interpolationError });
  }
  const reference = rows[0];
  for (const row of rows) {
    if (row.activeNeurons !== reference.activeNeurons || Math.abs(row.interpolationError - reference.interpolationError) > 1e-2) {
      throw new Error(`engines disagree (${row.engine}: ${row.activeNeurons} neurons, error ${row.interpolationError}; fused: ${reference.activeNeurons}, ${reference.interpolationError}); no time reported`);
    }
  }
  return rows;
}

/** The table with ratios to the fastest row. */
export function formatBench(rows: readonly BenchRow[]): string {
  const fastest = Math.min(...rows.map((r) => r.msPerStep));
  return [
    'workload                              engine          ms/step   x fastest',
    ...rows.map((r) => `${r.workload.padEnd(37)} ${r.engine.padEnd(15)} ${r.msPerStep.toFixed(4).padStart(8)}   ${(r.msPerStep / fastest).toFixed(1)}`),
  ].join('\n');
}
