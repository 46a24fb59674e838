import { streamSeed } from '@sgn/tensor';
import type { TheoryCheck } from '../../harness/check.js';
import { ADAM_BATCH_PRESETS, ADAM_PAPER, FEATURE_READOUT_OVERRIDES, largeBatchDeparture } from './presets.js';
import type { PatchCnnReadout } from '@sgn/trainers';
import { FOUR_RUNS, adamData, adamRun, type AdamRunSpec } from './runs.js';

const final = (r: { readouts: PatchCnnReadout[] }): PatchCnnReadout => r.readouts[r.readouts.length - 1];

/** The stochastic-Adam paper's claims as theory checks, in the near-disjoint regime (d 10000 at the quick preset). */
export const adamChecks: TheoryCheck[] = [
  {
    id: 'adam.large-vs-mini',
    paper: ADAM_PAPER,
    claim:
      'Large batch (n/B = 2) fits the training set but fails on test (>= 0.45) for Adam and AdamW; mini batch (n/B >= 50) generalizes (<= 0.05); over 3 seeds',
    async run({ preset, seed, signal, log }) {
      const settings = ADAM_BATCH_PRESETS[preset];
      const rows: (AdamRunSpec & PatchCnnReadout & { seed: number })[] = [];
      // the seed itself and two named replicates (explicit sub-streams, not seed + 1, seed + 2)
      for (const s of [seed, streamSeed(seed, 'replicate-1'), streamSeed(seed, 'replicate-2')]) {
        signal?.throwIfAborted();
        const data = adamData(settings, s);
        for (const spec of FOUR_RUNS) {
          const result = final(await adamRun(data, settings, spec, s, signal));
          rows.push({ seed: s, ...spec, ...result });
          log?.(
            `  seed ${s} ${spec.optimizer} ${spec.regime}: train ${result.trainError.toFixed(3)}, test ${result.testError.toFixed(3)}`,
          );
        }
      }
      const pass = rows.every(
        (r) => r.trainError === 0 && (r.regime === 'large' ? r.testError >= 0.45 : r.testError <= 0.05),
      );
      const summary = (optimizer: string, regime: string) =>
        rows
          .filter((r) => r.optimizer === optimizer && r.regime === regime)
          .map((r) => r.testError.toFixed(3))
          .join('/');
      return {
        pass,
        measured: `test error over 3 seeds: Adam large ${summary('adam', 'large')}, mini ${summary('adam', 'mini')}; AdamW large ${summary('adamw', 'large')}, mini ${summary('adamw', 'mini')}; train error ${Math.max(...rows.map((r) => r.trainError))} at most`,
        expected: 'train error 0; large >= 0.45; mini <= 0.05',
        details: { settings, rows },
        departure: largeBatchDeparture(settings),
      };
    },
  },
  {
    id: 'adam.weight-decay',
    paper: ADAM_PAPER,
    claim:
      'Adam with λ = 0.05 stays stuck at initialization (Cor. 4.3); AdamW with λ = 0.5 keeps the large/mini contrast',
    async run({ preset, seed, signal }) {
      const settings = ADAM_BATCH_PRESETS[preset];
      const data = adamData(settings, seed);
      const stuck = await adamRun(data, settings, { optimizer: 'adam', regime: 'mini', lambda: 0.05 }, seed, signal);
      const losses = stuck.readouts.slice(1).map((r) => r.trainLoss);
      const trainErrors = stuck.readouts.slice(1).map((r) => r.trainError);
      const large = final(
        await adamRun(data, settings, { optimizer: 'adamw', regime: 'large', lambda: 0.5 }, seed, signal),
      );
      const mini = final(
        await adamRun(data, settings, { optimizer: 'adamw', regime: 'mini', lambda: 0.5 }, seed, signal),
      );
      const pass =
        losses.every((l) => Math.abs(l - Math.LN2) < 1e-3) && large.testError >= 0.45 && mini.testError <= 0.05;
      return {
        pass,
        measured:
          `Adam λ 0.05: training loss ${Math.min(...losses).toFixed(5)}–${Math.max(...losses).toFixed(5)} (ln 2 = 0.69315), train error ${Math.min(...trainErrors).toFixed(3)}–${Math.max(...trainErrors).toFixed(3)}; ` +
          `AdamW λ 0.5: large test ${large.testError.toFixed(3)}, mini test ${mini.testError.toFixed(3)}`,
        expected: 'Adam λ 0.05: loss stays at ln 2 ± 1e-3 (F ≈ 0); AdamW λ 0.5: large >= 0.45, mini <= 0.05',
        details: { losses, trainErrors, large, mini },
        departure: largeBatchDeparture(settings),
      };
    },
  },
  {
    id: 'adam.overlap',
    paper: ADAM_PAPER,
    claim: 'At the same n and s, shrinking d until the noise supports overlap removes the large-batch failure',
    async run({ preset, seed, signal }) {
      const base = ADAM_BATCH_PRESETS[preset];
      const rows = [];
      for (const d of [1000, 3000, 10_000]) {
        signal?.throwIfAborted();
        const settings = { ...base, d, test: Math.min(base.test, 2000) };
        const result = final(
          await adamRun(adamData(settings, seed), settings, { optimizer: 'adam', regime: 'large' }, seed, signal),
        );
        rows.push({
          d,
          load: (settings.n * settings.s) / d,
          testError: result.testError,
          trainError: result.trainError,
        });
      }
      const pass = rows[0].testError < 0.45 && rows[2].testError >= 0.45;
      return {
        pass,
        measured: rows.map((r) => `d ${r.d} (n·s/d = ${r.load.toFixed(1)}): test ${r.testError.toFixed(3)}`).join('; '),
        expected: 'no failure at d 1000 (test < 0.45), failure at d 10000 (>= 0.45)',
        details: { rows },
      };
    },
  },
  {
    id: 'adam.feature-readout',
    paper: ADAM_PAPER,
    claim:
      'The feature read-out max_r ⟨w_{j,r}, j v⟩ ends negative for large batch (feature noise fitted) and positive for mini batch',
    async run({ preset, seed, signal }) {
      // the sign of the read-out needs the paper's η: at the quick preset's 5x larger η the j = +1 read-out stays
      // positive (0.164 after 600 epochs) although the test error is 0.99; at η 5e-5 both turn negative by 1500 epochs
      const settings = { ...ADAM_BATCH_PRESETS[preset], ...FEATURE_READOUT_OVERRIDES[preset] };
      const data = adamData(settings, seed);
      const large = final(await adamRun(data, settings, { optimizer: 'adam', regime: 'large' }, seed, signal));
      const mini = final(await adamRun(data, settings, { optimizer: 'adam', regime: 'mini' }, seed, signal));
      const pass =
        large.featurePositive < 0 && large.featureNegative < 0 && mini.featurePositive > 0 && mini.featureNegative > 0;
      return {
        pass,
        measured: `Adam large: ${large.featurePositive.toFixed(3)} (j = +1), ${large.featureNegative.toFixed(3)} (j = -1), test ${large.testError.toFixed(3)}; mini: ${mini.featurePositive.toFixed(3)}, ${mini.featureNegative.toFixed(3)}`,
        expected: 'large: both < 0; mini: both > 0',
        details: { settings, large, mini },
        departure: largeBatchDeparture(settings),
      };
    },
  },
];
