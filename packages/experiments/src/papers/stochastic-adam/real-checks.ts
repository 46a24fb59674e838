import { streamSeed } from '@sgn/tensor';
import type { CheckContext, TheoryCheck } from '../../harness/check.js';
import { ADAM_REAL_PRESETS, REAL_BATCHES, REAL_DECAY_GRID, REAL_LEARNING_RATES } from './real-presets.js';
import {
  REAL_OPTIMIZERS,
  batchGridSpecs,
  chosenPerBatch,
  decayGridSpecs,
  lazyData,
  realRun,
  type RealRun,
  type RealRunSpec,
} from './real-runs.js';
import { ADAM_PAPER } from './presets.js';
import {
  batchThresholdHolds,
  decayWindowHolds,
  degradation,
  degradationTolerance,
  overSeeds,
  type Degradation,
} from './real-verdicts.js';

/** The check's three seeds: the seed itself and two named replicates (explicit sub-streams, not seed + 1). */
const seedsOf = (seed: number) => [seed, streamSeed(seed, 'replicate-1'), streamSeed(seed, 'replicate-2')];

/** Trains every spec at each of the three seeds; returns `runs[seed][spec]`. */
async function trainOverSeeds(
  { preset, seed, signal, memo, log }: CheckContext,
  specs: RealRunSpec[],
): Promise<RealRun[][]> {
  const settings = ADAM_REAL_PRESETS[preset];
  const out: RealRun[][] = [];
  for (const s of seedsOf(seed)) {
    const data = lazyData(settings, s);
    const row: RealRun[] = [];
    for (const spec of specs) {
      signal?.throwIfAborted();
      const run = await realRun(data, settings, spec, s, { signal, memo });
      log?.(
        `  seed ${s} ${spec.optimizer} B ${spec.batch} η ${spec.learningRate} λ ${spec.weightDecay}: test ${run.testError.toFixed(3)}`,
      );
      row.push(run);
    }
    out.push(row);
  }
  return out;
}

const fmt = (mean: readonly number[], sd: readonly number[]) =>
  mean.map((m, j) => `${m.toFixed(3)}±${sd[j].toFixed(3)}`).join(' ');
const reading = (name: string, d: Degradation, unit: string) =>
  `${name}: best ${d.best.toFixed(3)} at ${unit} ${d.bestAt}, ${d.threshold === null ? 'no threshold in the grid' : `degraded from ${unit} ${d.threshold}${d.sharp ? '' : ' (not sharp: a smaller value is degraded too)'}`}`;

/** The stochastic-Adam paper's real-data claims, on Fashion-MNIST (the checks say where they hold, and where not). */
export const adamRealChecks: TheoryCheck[] = [
  {
    id: 'adam.real-batch',
    paper: ADAM_PAPER,
    claim:
      'Test error degrades sharply once B passes a threshold, for Adam (λ 5e-4) and AdamW (λ 1e-2), best η per B on validation; Fashion-MNIST, 3 seeds',
    async run(context) {
      const rates = [...REAL_LEARNING_RATES[context.preset]];
      const runs = await trainOverSeeds(context, batchGridSpecs(REAL_OPTIMIZERS, REAL_BATCHES, rates));
      const curve = (optimizer: 'adam' | 'adamw') =>
        runs.map((row) => chosenPerBatch(row, optimizer, REAL_BATCHES, rates.length).map((r) => r!.testError));
      const readings = REAL_OPTIMIZERS.map((optimizer) => {
        const { mean, sd } = overSeeds(curve(optimizer));
        return { optimizer, mean, sd, ...degradation([...REAL_BATCHES], mean, degradationTolerance(sd)) };
      });
      const pass = readings.every((r) => batchThresholdHolds(REAL_BATCHES, r));
      const used = runs[0].filter((r) => r.optimizer === 'adam' && r.learningRate === rates[0]).map((r) => r.batchUsed);
      return {
        pass,
        measured:
          readings
            .map(
              (r) =>
                `${reading(r.optimizer === 'adam' ? 'Adam' : 'AdamW', r, 'B')} (test error, mean±sd over 3 seeds, at B ${REAL_BATCHES.join('/')}: ${fmt(r.mean, r.sd)})`,
            )
            .join('; ') +
          `; batch used ${used.join('/')} (a B above the training set is full batch), ${ADAM_REAL_PRESETS[context.preset].epochs} epochs: a larger B takes fewer steps`,
        expected:
          'for both: B 16 not degraded, and a threshold B past which every B is degraded (mean error > best + max(0.02, 2 sd))',
        details: { settings: ADAM_REAL_PRESETS[context.preset], rates, readings, runs },
      };
    },
  },
  {
    id: 'adam.real-decay',
    paper: ADAM_PAPER,
    claim:
      "At B 16 and η 1e-4, Adam's test error rises once its coupled λ passes ~0.05 while AdamW's stays low up to λ 0.5 (Adam's λ window closes first); Fashion-MNIST, 3 seeds",
    async run(context) {
      const specs = decayGridSpecs(
        REAL_OPTIMIZERS,
        (optimizer) => REAL_DECAY_GRID[optimizer],
        REAL_DECAY_GRID.batch,
        REAL_DECAY_GRID.learningRate,
      );
      const runs = await trainOverSeeds(context, specs);
      const readings = REAL_OPTIMIZERS.map((optimizer) => {
        const grid = [...REAL_DECAY_GRID[optimizer]];
        const { mean, sd } = overSeeds(
          runs.map((row) => row.filter((r) => r.optimizer === optimizer).map((r) => r.testError)),
        );
        return { optimizer, grid, mean, sd, ...degradation(grid, mean, degradationTolerance(sd)) };
      });
      const [adam, adamw] = readings;
      const pass = decayWindowHolds(adam, adamw);
      return {
        pass,
        measured: `${reading('Adam', adam, 'λ')} (test error, mean±sd over 3 seeds, at λ ${adam.grid.join('/')}: ${fmt(adam.mean, adam.sd)}); ${reading('AdamW', adamw, 'λ')} (at λ ${adamw.grid.join('/')}: ${fmt(adamw.mean, adamw.sd)})`,
        expected:
          'Adam degraded from some λ in its grid (the paper: from 0.1, i.e. past 0.05); AdamW degraded only from a larger λ or never (the paper: robust to 0.5)',
        details: { settings: ADAM_REAL_PRESETS[context.preset], readings, runs },
      };
    },
  },
];
