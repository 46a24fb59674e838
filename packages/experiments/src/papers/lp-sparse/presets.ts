import type { LpTrainingSettings } from '@sgn/trainers';

/** The ramp `rampPoints(0.05)` (a constructed case with a nontrivial p*): slopes (0, e, 1+e, 2+e, 2+2e), one run of 4 equal-curvature points. */
export const RAMP_E005 = { x: [0, 1, 2, 3, 4, 5], y: [0, 0, 0.05, 1.1, 3.15, 5.25] };

/**
 * Settings of the peak/plateau training check per preset, judged on the trained network as it is (neurons joined
 * only where their knots coincide to 1e-9; V_p over every unpruned neuron).
 * - paper: Algorithm 1 as published (constant γ = 0.01), width 80, λ 0.003, 1e5 steps, 10 restarts.
 * - quick: width 80, 1e5 steps, λ 0.02 and a cosine-decayed γ (Adam and prox threshold together), 8 restarts.
 * Measured (fused engine, 20 restarts, seeds 1000-1019, width 80, 1e5 steps, p = 0.4): restarts
 * reaching the exact f* (3 bends, V_p = 2 + 2^0.4 = 3.3195) - λ 0.003 constant (the paper's) 0/20 (10 interpolate,
 * best V_p 3.88); λ 0.003 cosine 0/20 (best 3.93; 0/10 with 3e5 steps); λ 0.01 cosine 7/20; λ 0.01 constant 2/20;
 * λ 0.02 cosine 11/20; λ 0.03 cosine 8/20 (more collapse to 1-2 neurons). At λ 0.003 the restarts stop with two
 * neurons straddling ½ (e.g. knots 0.453 and 0.549, each slope change -1, V_p 4): every such pair interpolates with
 * the same V_p = 4 whatever its separation, so nothing pulls them together; only a larger λ prunes one of them early.
 */
export const PEAK_PLATEAU_TRAINING: Record<
  'quick' | 'paper',
  Omit<LpTrainingSettings, 'method' | 'seed'> & { restarts: number }
> = {
  quick: { p: 0.4, width: 80, lambda: 0.02, steps: 100_000, schedule: 'cosine', restarts: 8 },
  paper: { p: 0.4, width: 80, lambda: 0.003, steps: 100_000, schedule: 'constant', restarts: 10 },
};

/**
 * Settings of the random-data check per preset (width 100, λ 0.005 as experiment (b); the paper does not state
 * its step count). Measured on data seed 0 (fused engine, 30k cosine steps): restarts 4 and 6 of 1–6 interpolate
 * to ~1e-6 with 13 and 15 nonzero path weights; the others stop at 11–14 nonzeros with one data point left
 * uncovered (max error 0.014–0.25). With the constant γ the uncovered point appeared in every restart tried.
 */
export const RANDOM_DATA_TRAINING: Record<
  'quick' | 'paper',
  Omit<LpTrainingSettings, 'method' | 'seed'> & { restarts: number }
> = {
  quick: { p: 0.4, width: 100, lambda: 0.005, steps: 30_000, schedule: 'cosine', restarts: 6 },
  paper: { p: 0.4, width: 100, lambda: 0.005, steps: 100_000, schedule: 'constant', restarts: 6 },
};

/**
 * Why the random-data claim is expected not to reproduce at a preset, from sgn's measurements (undefined where it is
 * expected to): with the paper's constant γ = 0.01 every restart leaves one data point uncovered.
 */
export const RANDOM_DATA_DEPARTURE: Record<'quick' | 'paper', string | undefined> = {
  quick: undefined,
  paper:
    "with Algorithm 1's constant γ = 0.01 (1e5 steps; the paper states no step count) sgn measured 0, 1 and 0 of 6 restarts " +
    'interpolating at seeds 0, 1, 2 (the one at seed 1 with 22 nonzero path weights, above 2N = 20): the restarts stay sparse ' +
    '(9-61 nonzeros against Adam 2300-3800, AdamW 300-390) but leave a data point that no active neuron covers (max errors ' +
    "0.07-0.64 at seed 2); the quick preset's cosine-decayed γ lets restarts settle and interpolate",
};

/**
 * Why the peak/plateau training claim is expected not to reproduce at a preset (undefined where it is expected to):
 * at the paper's λ 0.003 with a constant γ the restarts stop with two neurons straddling ½ (see
 * {@link PEAK_PLATEAU_TRAINING}).
 */
export const PEAK_PLATEAU_DEPARTURE: Record<'quick' | 'paper', string | undefined> = {
  quick: undefined,
  paper:
    "at the paper's λ 0.003 and constant γ, 0, 1 and 0 of 10 restarts reach f* at seeds 0, 1, 2 (0 of 20 over seeds " +
    '1000-1019): most stop with two neurons straddling ½, which interpolate at V_p = 4 whatever their separation, so ' +
    'nothing joins them, or keep a bend slightly off f* (V_p 3.3232 at seed 2, outside 1e-3); the quick preset (λ 0.02, ' +
    'cosine γ) reaches f* in about half of its restarts',
};

/**
 * Why the p = 0.7 / p = 1 training claim is expected not to reproduce at a preset (undefined where it is expected
 * to): the paper's λ 0.003 with a constant γ, measured at seeds 0-2.
 */
export const P_VALUES_DEPARTURE: Record<'quick' | 'paper', string | undefined> = {
  quick: undefined,
  paper:
    "at the paper's λ 0.003 and constant γ, p = 0.7 reaches f* in 0 of 10 restarts at each of seeds 0-2 (least V_0.7 " +
    '3.64-3.92 against 3.6245, mostly 4 bends), and the interpolating p = 1 restarts end at V_1 4.004-4.031, above the ℓ1 ' +
    'minimum 4 by more than the 1e-3 the claim allows: the constant step does not settle; the quick preset (λ 0.02, ' +
    'cosine γ) does both',
};
