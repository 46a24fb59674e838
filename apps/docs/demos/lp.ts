import { peakPlateau } from '@sgn/data';
import { evaluatePiecewiseLinear, univariateLpMinimizer } from '@sgn/theory';
import { univariateLpExperiment, type UnivariateRun } from '@sgn/trainers';
import { integer, number } from '@sgn/experiments';
import { defineDemo, live, type Demo, type DemoSnapshot } from './types.js';

/**
 * Algorithm 1 of the lp paper (Adam on the MSE, then the reweighted-l1 prox after every step) on the peak/plateau
 * data, trained as tensors on the page's backend, next to the exact lp minimizer f* (knots -1, 1/2, 2).
 *
 * @see Nakhleh & Nowak, arXiv 2505.21791, Algorithm 1 and the peak/plateau example
 */
export const lpDemo: Demo = defineDemo({
  id: 'lp',
  title: 'Algorithm 1 on peak/plateau',
  schema: {
    p: number({ description: 'quasinorm exponent p', min: 0, exclusiveMin: true, max: 1, defaults: live(0.4) }),
    width: integer({ description: 'hidden width K', min: 1, max: 200, defaults: live(20) }),
    lambda: number({ description: 'prox weight λ', min: 0, max: 1, defaults: live(0.03) }),
    steps: integer({ description: 'Adam steps per restart', min: 10, max: 100000, defaults: live(3000) }),
    restarts: integer({
      description: 'restarts, trained together (the sparsest interpolating one is kept)',
      min: 1,
      max: 64,
      defaults: live(16),
    }),
    seed: integer({ description: 'seed', min: 0, max: 2 ** 32 - 1, defaults: live(0) }),
  },
  plots: [
    {
      name: 'fit',
      title: 'Trained network (best restart) and the exact lp minimizer f*',
      curve: 'fit',
      x: 'x',
      y: ['trained', 'f*', 'data'],
      points: ['data'],
    },
    {
      name: 'loss',
      title: 'Training loss (MSE, mean over restarts)',
      curve: 'loss',
      x: 'step',
      y: ['loss'],
      logY: true,
    },
  ],
  async run(settings, { signal, update }) {
    const points = peakPlateau();
    const p = settings.p;
    const exact = univariateLpMinimizer(points, p);
    const lossRows: number[][] = [];
    const atExactKnots = (run: UnivariateRun) =>
      run.interpolationError < 1e-2 &&
      run.knots.length === exact.knots.length &&
      run.knots.every((k, i) => Math.abs(k.location - exact.knots[i]) < 0.05);
    const snapshot = (runs: UnivariateRun[], best: UnivariateRun | null): DemoSnapshot => {
      const fitRows = best
        ? best.curve.x.map((x, i) => [
            x,
            best.curve.y[i],
            evaluatePiecewiseLinear(exact, x),
            points.x.includes(x) ? points.y[points.x.indexOf(x)] : NaN,
          ])
        : [];
      return {
        curves: {
          loss: { columns: ['step', 'loss'], rows: lossRows },
          fit: { columns: ['x', 'trained', 'f*', 'data'], rows: fitRows },
        },
        summary: {
          restarts: runs.length,
          restartsAtExactKnots: runs.filter(atExactKnots).length,
          exactKnots: exact.knots.map((k) => Number(k.toFixed(4))).join(', '),
          exactLpCost: Number(exact.cost.toFixed(4)),
          activeNeurons: best?.activeNeurons ?? NaN,
          knots: best ? best.knots.map((k) => Number(k.location.toFixed(3))).join(', ') : '',
          interpolationError: best ? Number(best.interpolationError.toExponential(2)) : NaN,
          lpCost: best ? Number(best.lpCost.toFixed(4)) : NaN,
        },
      };
    };
    const steps = settings.steps;
    const result = await univariateLpExperiment(points, {
      method: 'lp',
      p,
      width: settings.width,
      lambda: settings.lambda,
      learningRate: 0.05,
      steps,
      warmup: 300,
      schedule: 'cosine',
      seed: settings.seed,
      restarts: settings.restarts,
      engine: 'tensor',
      signal,
      every: Math.max(1, Math.floor(steps / 60)),
      onProgress: (step, loss) => {
        lossRows.push([step, loss]);
        update(snapshot([], null));
      },
    });
    // the recipe of the lp page, the interpolating restart of least lp cost, at float32 accuracy: runs interpolating to 1e-2
    // whose costs are within 1% (the interpolation slack) count as the same function; among them, fewest neurons
    const interpolating = result.runs.filter((run) => run.interpolationError < 1e-2);
    const least = Math.min(...interpolating.map((run) => run.lpCost));
    const tied = interpolating.filter((run) => run.lpCost <= least * 1.01);
    const best = tied.length
      ? tied.reduce((a, b) =>
          b.activeNeurons < a.activeNeurons || (b.activeNeurons === a.activeNeurons && b.lpCost < a.lpCost) ? b : a,
        )
      : null;
    return snapshot(result.runs, best);
  },
});
