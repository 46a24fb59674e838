import { peakPlateau, randomRegression } from '@sgn/data';
import { tf } from '@sgn/tensor';
import type { TheoryCheck } from '../checks/types.js';
import { multivariateLpExperiment, trainMultivariateLp, univariateLpExperiment, type LpTrainingSettings } from './training.js';
import { criticalP, univariateLpMinimizer } from './univariate-minimizer.js';

const PAPER = 'Nakhleh & Nowak, arXiv 2505.21791';

/** The ramp of the notes with e = 0.05: slopes (0, e, 1+e, 2+e, 2+2e), one run of 4 equal-curvature points. */
export const RAMP_E005 = { x: [0, 1, 2, 3, 4, 5], y: [0, 0, 0.05, 1.1, 3.15, 5.25] };

/**
 * Settings of the peak/plateau training check per preset.
 * - paper: Algorithm 1 as published (constant γ = 0.01), width 80, λ 0.003, 1e5 steps, knots merged within 1e-3.
 * - quick: the same width, λ and steps, with a cosine-decayed γ (Adam and prox threshold together), knots merged
 *   within 0.05. Measured (fused engine, seeds 0–9): the published constant γ leaves Adam oscillating at
 *   interpolation errors 1e-3–9e-3 and splits the knot at 1/2 in two (0/10 exact matches, as the notes found);
 *   the cosine decay interpolates to 1e-7 and 5/10 restarts give exactly f*; the rest stop at other interpolants
 *   of higher lp cost, which the least-cost choice over restarts discards.
 */
export const PEAK_PLATEAU_TRAINING: Record<'quick' | 'paper', Omit<LpTrainingSettings, 'method' | 'seed'> & { restarts: number }> = {
  quick: { p: 0.4, width: 80, lambda: 0.003, steps: 100_000, schedule: 'cosine', mergeTolerance: 0.05, restarts: 5 },
  paper: { p: 0.4, width: 80, lambda: 0.003, steps: 100_000, schedule: 'constant', mergeTolerance: 1e-3, restarts: 10 },
};

const list = (values: number[]) => `(${values.map((v) => Number(v.toFixed(4))).join(', ')})`;

/** The lp paper's claims as theory checks. */
export const lpChecks: TheoryCheck[] = [
  {
    id: 'lp.peak-plateau-exact',
    paper: PAPER,
    claim: 'On peak/plateau the exact lp minimizer is f* for every p in (0,1): knots (-1, 0.5, 2), slope changes (1, -2, 1), V_p = 2 + 2^p',
    async run() {
      const rows = [0.1, 0.4, 0.7, 0.9].map((p) => ({ p, f: univariateLpMinimizer(peakPlateau(), p) }));
      const pass = rows.every(
        ({ p, f }) =>
          f.unique &&
          f.knots.length === 3 &&
          [-1, 0.5, 2].every((t, i) => Math.abs(f.knots[i] - t) < 1e-9) &&
          [1, -2, 1].every((c, i) => Math.abs(f.slopeChanges[i] - c) < 1e-9) &&
          Math.abs(f.cost - (2 + 2 ** p)) < 1e-9,
      );
      return {
        pass,
        measured: rows.map(({ p, f }) => `p=${p}: knots ${list(f.knots)}, V_p ${f.cost.toFixed(6)}`).join('; '),
        expected: 'knots (-1, 0.5, 2), slope changes (1, -2, 1), V_p = 2 + 2^p, unique',
        details: { rows: rows.map(({ p, f }) => ({ p, knots: f.knots, slopeChanges: f.slopeChanges, cost: f.cost, unique: f.unique })) },
      };
    },
  },
  {
    id: 'lp.critical-p',
    paper: PAPER,
    claim: 'On the e = 0.05 ramp the lp minimizer is sparsest (2 knots) only below p* = 0.3096; above it has 3 knots',
    async run() {
      const result = criticalP(RAMP_E005);
      const pass =
        result.pStar !== null && Math.abs(result.pStar - 0.3096) < 1e-3 && result.knotsBelow === 2 && result.knotsAbove === 3;
      return {
        pass,
        measured: `p* = ${result.pStar?.toFixed(5)}, ${result.knotsBelow} knots below, ${result.knotsAbove} above`,
        expected: 'p* = 0.3096 ± 1e-3, 2 knots below, 3 above',
        details: { ...result },
      };
    },
  },
  {
    id: 'lp.training-peak-plateau',
    paper: PAPER,
    claim: 'Algorithm 1 at p = 0.4 recovers the 3-neuron f* on peak/plateau (error < 1e-3, knots within 1e-2); Adam and AdamW keep >= 10 active neurons',
    async run({ preset, seed, signal, log }) {
      const settings = PEAK_PLATEAU_TRAINING[preset];
      const lp = await univariateLpExperiment(peakPlateau(), { ...settings, method: 'lp', seed, signal });
      log?.(`  lp: ${lp.runs.length} restarts, success rate ${lp.successRate}`);
      const baselines = {
        adam: await univariateLpExperiment(peakPlateau(), { ...settings, method: 'adam', seed, signal, restarts: 1 }),
        adamw: await univariateLpExperiment(peakPlateau(), { ...settings, method: 'adamw', seed, signal, restarts: 1 }),
      };
      const active = { adam: baselines.adam.runs[0]?.activeNeurons ?? 0, adamw: baselines.adamw.runs[0]?.activeNeurons ?? 0 };
      const pass = lp.best !== null && lp.best.matchesMinimizer && active.adam >= 10 && active.adamw >= 10;
      return {
        pass,
        measured:
          `best restart: ${lp.best ? `${lp.best.knots.length} knots at ${list(lp.best.knots.map((k) => k.location))}, error ${lp.best.interpolationError.toExponential(1)}` : 'none interpolates'}` +
          `; success rate ${lp.successRate.toFixed(2)} over ${lp.runs.length} restarts; active neurons: lp ${lp.best?.activeNeurons ?? '-'}, Adam ${active.adam}, AdamW ${active.adamw}`,
        expected: 'best restart = f* (3 knots at -1, 0.5, 2); Adam and AdamW >= 10 active neurons',
        details: { settings, lp, baselines },
      };
    },
  },
  {
    id: 'lp.random-data',
    paper: PAPER,
    claim: 'Random data N = 10, d = 50: p = 0.4 interpolates with at most 2N = 20 nonzero path weights; Adam and AdamW do not get that sparse',
    async run({ preset, seed, signal, log, memo }) {
      const data = randomRegression({ n: 10, d: 50, seed });
      const { restarts, ...settings } = RANDOM_DATA_TRAINING[preset];
      try {
        const lp = await multivariateLpExperiment(data, { ...settings, restarts, method: 'lp', seed, signal, memo });
        log?.(`  lp: ${lp.runs.length} restarts, interpolation rate ${lp.interpolationRate.toFixed(2)}`);
        const adam = await trainMultivariateLp(data, { ...settings, method: 'adam', seed, signal, memo });
        const adamw = await trainMultivariateLp(data, { ...settings, method: 'adamw', seed, signal, memo });
        const pass = lp.best !== null && lp.best.nonzeroPathWeights <= 20 && adam.nonzeroPathWeights > 20 && adamw.nonzeroPathWeights > 20;
        return {
          pass,
          measured:
            `best interpolating restart: ${lp.best ? `${lp.best.nonzeroPathWeights} nonzero path weights, ${lp.best.activeNeurons} neurons, error ${lp.best.interpolationError.toExponential(1)}` : 'none'}` +
            `; restarts interpolating ${lp.interpolationRate.toFixed(2)} (others leave a point no neuron covers)` +
            `; nonzero path weights per restart (${lp.runs.map((r) => r.nonzeroPathWeights).join(', ')}); Adam ${adam.nonzeroPathWeights}, AdamW ${adamw.nonzeroPathWeights}`,
          expected: 'an interpolating restart (max error < 1e-3) with <= 20 nonzero path weights; Adam, AdamW > 20',
          details: { settings: RANDOM_DATA_TRAINING[preset], lp, adam, adamw },
        };
      } finally {
        tf.dispose([data.x, data.y]);
      }
    },
  },
];

/**
 * Settings of the random-data check per preset (width 100, λ 0.005 as experiment (b); the paper does not state
 * its step count). Measured on data seed 0 (fused engine, 30k cosine steps): restarts 4 and 6 of 1–6 interpolate
 * to ~1e-6 with 13 and 15 nonzero path weights; the others stop at 11–14 nonzeros with one data point left
 * uncovered (max error 0.014–0.25). With the constant γ the uncovered point appeared in every restart tried.
 */
export const RANDOM_DATA_TRAINING: Record<'quick' | 'paper', Omit<LpTrainingSettings, 'method' | 'seed'> & { restarts: number }> = {
  quick: { p: 0.4, width: 100, lambda: 0.005, steps: 30_000, schedule: 'cosine', restarts: 6 },
  paper: { p: 0.4, width: 100, lambda: 0.005, steps: 100_000, schedule: 'constant', restarts: 6 },
};
