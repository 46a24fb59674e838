import { peakPlateau, randomRegression } from '@sgn/data';
import { createRng, streamSeed, tf } from '@sgn/tensor';
import type { TheoryCheck } from '../../harness/check.js';
import { univariateLpExperiment } from '@sgn/trainers';
import {
  memoizedMultivariateLp,
  memoizedMultivariateLpRestarts,
  memoizedUnivariateLpRestarts,
} from './memoized-runs.js';
import {
  PEAK_PLATEAU_DEPARTURE,
  PEAK_PLATEAU_TRAINING,
  P_VALUES_DEPARTURE,
  RAMP_E005,
  RANDOM_DATA_DEPARTURE,
  RANDOM_DATA_TRAINING,
} from './presets.js';
import { criticalP, univariateLpMinimizer } from '@sgn/theory';
import { multivariateExactCheck } from './multivariate-exact.js';
import { sparsityOverTrainingCheck } from './sparsity-over-training.js';

const PAPER = 'Nakhleh & Nowak, arXiv 2505.21791';

const fmt = (value: number) => value.toExponential(2);
const list = (values: number[]) => `(${values.map((v) => Number(v.toFixed(4))).join(', ')})`;

/** The lp paper's claims as theory checks. */
export const lpChecks: TheoryCheck[] = [
  {
    id: 'lp.peak-plateau-exact',
    paper: PAPER,
    claim:
      'On peak/plateau the exact lp minimizer is f* for every p in (0,1): knots (-1, 0.5, 2), slope changes (1, -2, 1), V_p = 2 + 2^p',
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
        details: {
          rows: rows.map(({ p, f }) => ({
            p,
            knots: f.knots,
            slopeChanges: f.slopeChanges,
            cost: f.cost,
            unique: f.unique,
          })),
        },
      };
    },
  },
  {
    id: 'lp.critical-p',
    paper: PAPER,
    claim:
      'On the e = 0.05 ramp the lp minimizer is sparsest (2 knots, at 2 - e/(1+e) and 3.2/1.05) only below p* = 0.3096; above it has 3 knots (1, 2.5, 4)',
    async run() {
      const result = criticalP(RAMP_E005);
      // by hand (e = 0.05): the middle line y = 0.05 + 1.05(x - 2) meets y = 0 at 2 - 0.05/1.05 and the last line
      // y = 3.15 + 2.1(x - 4) at 3.2/1.05; the 3-knot vertex bends at the data points 1 and 4 and at 2.5
      const sparse = [2 - 0.05 / 1.05, 3.2 / 1.05];
      const dense = [1, 2.5, 4];
      const near = (knots: number[], want: number[]) =>
        knots.length === want.length && want.every((t, i) => Math.abs(knots[i] - t) < 1e-9);
      const below = result.pStar !== null ? univariateLpMinimizer(RAMP_E005, result.pStar - 0.02).knots : [];
      const above = result.pStar !== null ? univariateLpMinimizer(RAMP_E005, result.pStar + 0.02).knots : [];
      const pass =
        result.pStar !== null &&
        Math.abs(result.pStar - 0.3096) < 1e-3 &&
        result.knotsBelow === 2 &&
        result.knotsAbove === 3 &&
        near(below, sparse) &&
        near(above, dense);
      return {
        pass,
        measured: `p* = ${result.pStar?.toFixed(5)}; knots at p* - 0.02 ${list(below)}, at p* + 0.02 ${list(above)}`,
        expected: `p* = 0.3096 ± 1e-3; knots ${list(sparse)} below, ${list(dense)} above (to 1e-9)`,
        details: { ...result, below, above },
      };
    },
  },
  {
    id: 'lp.corollaries',
    paper: PAPER,
    claim:
      'Cor. 3.1.1-3.1.2 on 24 random 1-D data sets (N = 5-10) at p = 0.2, 0.5, 0.8: the lp minimizer has at most N - 2 knots, its V_1 is the l1 minimum Σ|s_{i+1} - s_i|, so max|c_k| <= V_1, and its slopes stay within max|s_i|',
    async run({ seed }) {
      const rng = createRng(streamSeed(seed, 'lp-corollaries'));
      let [worstV1, worstLipschitz, worstKnots, tried] = [0, 0, 0, 0];
      for (let set = 0; set < 24; set++) {
        const n = 5 + (set % 6);
        const x = Array.from(rng.uniformArray(n, -3, 3)).sort((a, b) => a - b);
        const y = Array.from(rng.uniformArray(n, -1, 1));
        const s = x.slice(0, -1).map((_, i) => (y[i + 1] - y[i]) / (x[i + 1] - x[i]));
        const l1 = s.slice(1).reduce((sum, si, i) => sum + Math.abs(si - s[i]), 0);
        const maxSlope = Math.max(...s.map(Math.abs));
        for (const p of [0.2, 0.5, 0.8]) {
          const f = univariateLpMinimizer({ x, y }, p);
          const v1 = f.slopeChanges.reduce((sum, c) => sum + Math.abs(c), 0);
          // f's slopes: the left line's, then after each knot the running sum of slope changes
          let slope = f.left.slope;
          let steepest = Math.abs(slope);
          for (const c of f.slopeChanges) steepest = Math.max(steepest, Math.abs((slope += c)));
          worstV1 = Math.max(
            worstV1,
            Math.abs(v1 - l1) / l1,
            Math.max(...f.slopeChanges.map(Math.abs)) > v1 + 1e-12 ? 1 : 0,
          );
          worstLipschitz = Math.max(worstLipschitz, steepest - maxSlope);
          worstKnots = Math.max(worstKnots, f.knots.length - (n - 2));
          tried++;
        }
      }
      return {
        pass: worstV1 < 1e-9 && worstLipschitz < 1e-9 && worstKnots <= 0,
        measured: `${tried} minimizers: max |V_1 - Σ|s_{i+1} - s_i|| / Σ ${fmt(worstV1)}; max (steepest slope of f - max|s_i|) ${fmt(worstLipschitz)}; max (knots - (N - 2)) ${worstKnots}`,
        expected: 'relative V_1 gap < 1e-9, steepest slope <= max|s_i| (+1e-9), knots <= N - 2',
        details: { tried, worstV1, worstLipschitz, worstKnots },
      };
    },
  },
  multivariateExactCheck,
  {
    id: 'lp.training-peak-plateau',
    paper: PAPER,
    claim:
      "Algorithm 1 at p = 0.4 recovers the 3-neuron f* on peak/plateau (the trained network itself: 3 bends within 1e-2 of f*'s in place and slope, V_p within 1e-3, error < 1e-3); Adam and AdamW keep >= 10 active neurons",
    async run({ preset, seed, signal, log, memo }) {
      const settings = PEAK_PLATEAU_TRAINING[preset];
      const lp = await memoizedUnivariateLpRestarts(memo, peakPlateau(), { ...settings, method: 'lp', seed, signal });
      log?.(`  lp: ${lp.runs.length} restarts, success rate ${lp.successRate}`);
      const baseline = (method: 'adam' | 'adamw') =>
        memoizedUnivariateLpRestarts(memo, peakPlateau(), { ...settings, method, seed, signal, restarts: 1 });
      const baselines = { adam: await baseline('adam'), adamw: await baseline('adamw') };
      const active = {
        adam: baselines.adam.runs[0]?.activeNeurons ?? 0,
        adamw: baselines.adamw.runs[0]?.activeNeurons ?? 0,
      };
      const pass = lp.best !== null && lp.best.matchesMinimizer && active.adam >= 10 && active.adamw >= 10;
      const reached = lp.runs.filter((run) => run.matchesMinimizer).length;
      return {
        pass,
        measured:
          `${reached} of ${lp.runs.length} restarts reach f*` +
          `; least-V_p interpolating restart: ${lp.best ? `${lp.best.knots.length} bends at ${list(lp.best.knots.map((k) => k.location))}, slope changes ${list(lp.best.knots.map((k) => k.slopeChange))}, V_p ${lp.best.lpCost.toFixed(4)} (f*: 3.3195), error ${lp.best.interpolationError.toExponential(1)}, ${lp.best.activeNeurons} active neurons` : 'none interpolates'}` +
          `; bends per restart (${lp.runs.map((run) => run.knots.length).join(', ')}); active neurons: Adam ${active.adam}, AdamW ${active.adamw}` +
          (lp.best?.matchesMinimizer
            ? ''
            : ": Algorithm 1 did not reach f* at these settings (restarts stop with two neurons straddling 1/2, which interpolate with the same V_p at any separation; measured: 0/20 at the paper's λ 0.003, 11/20 at λ 0.02 with a cosine γ)"),
        expected:
          'the least-V_p interpolating restart is f* (3 bends at -1, 0.5, 2, slope changes 1, -2, 1); Adam and AdamW >= 10 active neurons',
        details: { settings, lp, baselines },
        departure: PEAK_PLATEAU_DEPARTURE[preset],
      };
    },
  },
  sparsityOverTrainingCheck,
  {
    id: 'lp.training-p-values',
    paper: PAPER,
    claim:
      'Algorithm 1 at p = 0.7 also recovers f* (V_0.7 = 2 + 2^0.7); at p = 1 (the convex ℓ1 path norm) f* is not the unique minimizer and training reaches the minimum V_1 = 4 without singling out f*',
    async run({ preset, seed, signal, log }) {
      const settings = PEAK_PLATEAU_TRAINING[preset];
      const at07 = await univariateLpExperiment(peakPlateau(), { ...settings, p: 0.7, method: 'lp', seed, signal });
      const at1 = await univariateLpExperiment(peakPlateau(), { ...settings, p: 1, method: 'lp', seed, signal });
      const exact1 = univariateLpMinimizer(peakPlateau(), 1);
      const interpolating1 = at1.runs.filter((run) => run.interpolationError < 1e-3);
      log?.(`  p = 0.7: ${at07.runs.filter((r) => r.matchesMinimizer).length} of ${at07.runs.length} reach f*`);
      const pass =
        at07.best !== null &&
        at07.best.matchesMinimizer &&
        !exact1.unique &&
        Math.abs(exact1.cost - 4) < 1e-9 &&
        interpolating1.length > 0 &&
        interpolating1.every((run) => Math.abs(run.lpCost - 4) < 1e-3);
      return {
        pass,
        measured:
          `p = 0.7: ${at07.runs.filter((r) => r.matchesMinimizer).length} of ${at07.runs.length} restarts reach f*, least V_0.7 ${at07.best ? `${at07.best.lpCost.toFixed(4)} with ${at07.best.knots.length} bends` : 'none interpolates'} (f*: ${(2 + 2 ** 0.7).toFixed(4)})` +
          `; p = 1: exact minimizer unique ${exact1.unique}, V_1 ${exact1.cost.toFixed(4)}; ${interpolating1.length} of ${at1.runs.length} restarts interpolate, V_1 (${interpolating1.map((r) => r.lpCost.toFixed(4)).join(', ')}), bends (${interpolating1.map((r) => r.knots.length).join(', ')})`,
        expected:
          'p = 0.7: the least-V_p interpolating restart is f*; p = 1: minimizer not unique, V_1 = 4, every interpolating restart at V_1 = 4 (to 1e-3)',
        details: { settings, at07, at1, exact1 },
        departure: P_VALUES_DEPARTURE[preset],
      };
    },
  },
  {
    id: 'lp.random-data',
    paper: PAPER,
    claim:
      'Random data N = 10, d = 50: p = 0.4 interpolates with at most 2N = 20 nonzero path weights; Adam and AdamW do not get that sparse',
    async run({ preset, seed, signal, log, memo }) {
      const data = randomRegression({ n: 10, d: 50, seed });
      const { restarts, ...settings } = RANDOM_DATA_TRAINING[preset];
      try {
        const lp = await memoizedMultivariateLpRestarts(memo, data, {
          ...settings,
          restarts,
          method: 'lp',
          seed,
          signal,
        });
        log?.(`  lp: ${lp.runs.length} restarts, interpolation rate ${lp.interpolationRate.toFixed(2)}`);
        const adam = await memoizedMultivariateLp(memo, data, { ...settings, method: 'adam', seed, signal });
        const adamw = await memoizedMultivariateLp(memo, data, { ...settings, method: 'adamw', seed, signal });
        const pass =
          lp.best !== null &&
          lp.best.nonzeroPathWeights <= 20 &&
          adam.nonzeroPathWeights > 20 &&
          adamw.nonzeroPathWeights > 20;
        return {
          pass,
          measured:
            `best interpolating restart: ${lp.best ? `${lp.best.nonzeroPathWeights} nonzero path weights, ${lp.best.activeNeurons} neurons, error ${lp.best.interpolationError.toExponential(1)}` : 'none'}` +
            `; restarts interpolating ${lp.interpolationRate.toFixed(2)} (others leave a point no neuron covers; max errors ${lp.runs.map((r) => r.interpolationError.toExponential(1)).join(', ')})` +
            `; nonzero path weights per restart (${lp.runs.map((r) => r.nonzeroPathWeights).join(', ')}); Adam ${adam.nonzeroPathWeights}, AdamW ${adamw.nonzeroPathWeights}`,
          expected: 'an interpolating restart (max error < 1e-3) with <= 20 nonzero path weights; Adam, AdamW > 20',
          details: { settings: RANDOM_DATA_TRAINING[preset], lp, adam, adamw },
          departure: RANDOM_DATA_DEPARTURE[preset],
        };
      } finally {
        tf.dispose([data.x, data.y]);
      }
    },
  },
];
