import { peakPlateau } from '@sgn/data';
import type { ActiveCount, UnivariateRun } from '@sgn/trainers';
import type { TheoryCheck } from '../../harness/check.js';
import { memoizedUnivariateLpRestarts } from './memoized-runs.js';
import { PEAK_PLATEAU_DEPARTURE, PEAK_PLATEAU_TRAINING } from './presets.js';

/** The steps at which the paper's notebook log gives Algorithm 1's active-neuron count (p = 0.4: 10, 6, 5, 3). */
export const PAPER_LOG_STEPS = [5_000, 10_000, 25_000, 60_000];

/** The count at the first recorded step at or after `step` (the history's last when training stopped earlier). */
export function countAt(history: readonly ActiveCount[], step: number): ActiveCount | undefined {
  return history.find((entry) => entry.step >= step) ?? history[history.length - 1];
}

/** The steps at which a history's unpruned count rose: a pruned neuron came back. */
export function revivals(history: readonly ActiveCount[]): number[] {
  return history.filter((entry, i) => i > 0 && entry.unpruned > history[i - 1].unpruned).map((entry) => entry.step);
}

const counts = (run: UnivariateRun) =>
  PAPER_LOG_STEPS.map((step) => countAt(run.activeOverTraining, step)?.active ?? NaN).join(', ');

/** The lp paper's active-neuron counts over training, measured on the peak/plateau runs. */
export const sparsityOverTrainingCheck: TheoryCheck = {
  id: 'lp.sparsity-over-training',
  paper: 'Nakhleh & Nowak, arXiv 2505.21791',
  claim:
    "Algorithm 1 (p = 0.4) on peak/plateau: the number of unpruned neurons never rises during training (a pruned neuron stays pruned), and the restarts that reach f* end with its 3 neurons; Adam and AdamW keep >= 10 active neurons throughout (the paper's log: p = 0.4 10, 6, 5, 3 active at 5k, 10k, 25k, 60k epochs; Adam 80 → 57, AdamW 80 → 46)",
  async run({ preset, seed, signal, memo }) {
    const settings = PEAK_PLATEAU_TRAINING[preset];
    const lp = await memoizedUnivariateLpRestarts(memo, peakPlateau(), { ...settings, method: 'lp', seed, signal });
    const baseline = async (method: 'adam' | 'adamw') =>
      (await memoizedUnivariateLpRestarts(memo, peakPlateau(), { ...settings, method, seed, signal, restarts: 1 }))
        .runs[0];
    const [adam, adamw] = [await baseline('adam'), await baseline('adamw')];
    const reached = lp.runs.filter((run) => run.matchesMinimizer);
    const revived = lp.runs.filter((run) => revivals(run.activeOverTraining).length > 0);
    const fewest = (run: UnivariateRun | undefined) =>
      run ? Math.min(...run.activeOverTraining.map((entry) => entry.active)) : NaN;
    const final = (run: UnivariateRun) => run.activeOverTraining[run.activeOverTraining.length - 1];
    const pass =
      lp.runs.every((run) => run.activeOverTraining.length > 0) &&
      revived.length === 0 &&
      reached.length > 0 &&
      reached.every((run) => final(run).active === 3 && final(run).unpruned === 3) &&
      fewest(adam) >= 10 &&
      fewest(adamw) >= 10;
    return {
      pass,
      measured:
        `active neurons at ${PAPER_LOG_STEPS.map((s) => `${s / 1000}k`).join(', ')} steps per restart: ${lp.runs.map((run) => `(${counts(run)})${run.matchesMinimizer ? '*' : ''}`).join(' ')} (* reaches f*)` +
        `; final unpruned (${lp.runs.map((run) => final(run)?.unpruned).join(', ')}); restarts whose unpruned count rose: ${revived.length}` +
        `; fewest active over training: Adam ${fewest(adam)} (final ${adam ? final(adam).active : NaN}), AdamW ${fewest(adamw)} (final ${adamw ? final(adamw).active : NaN})`,
      expected:
        'no restart whose unpruned count rises; every restart reaching f* ends with 3 active and 3 unpruned neurons (at least one reaches it); Adam and AdamW >= 10 active at every report',
      details: {
        settings,
        lp: lp.runs.map((run) => ({
          seed: run.seed,
          matchesMinimizer: run.matchesMinimizer,
          history: run.activeOverTraining,
        })),
        adam: adam?.activeOverTraining,
        adamw: adamw?.activeOverTraining,
      },
      departure: PEAK_PLATEAU_DEPARTURE[preset],
    };
  },
};
