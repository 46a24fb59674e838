import { peakPlateau } from '@sgn/data';
import { evaluatePiecewiseLinear, univariateLpMinimizer } from '@sgn/theory';
import { univariateLpExperiment, type UnivariateRun } from '@sgn/trainers';
import type { Demo, DemoSnapshot } from './types.js';

/**
 * Algorithm 1 of the lp paper (Adam on the MSE, then the reweighted-l1 prox after every step) on the peak/plateau
 * data, trained as tensors on the page's backend, next to the exact lp minimizer f* (knots -1, 1/2, 2).
 *
 * @see Nakhleh & Nowak, arXiv 2505.21791, Algorithm 1 and the peak/plateau example
 */
export const lpDemo: Demo = {
  id: 'lp',
  title: 'Algorithm 1 on peak/plateau',
  controls: [
    { key: 'p', description: 'quasinorm exponent p', type: 'number', min: 0, exclusiveMin: true, max: 1, default: 0.4 },
    { key: 'width', description: 'hidden width K', type: 'integer', min: 1, max: 200, default: 20 },
    { key: 'lambda', description: 'prox weight λ', type: 'number', min: 0, max: 1, default: 0.03 },
    { key: 'steps', description: 'Adam steps per restart', type: 'integer', min: 10, max: 100000, default: 3000 },
    {
      key: 'restarts',
      description: 'restarts, trained together (the sparsest interpolating one is kept)',
      type: 'integer',
      min: 1,
      max: 64,
      default: 16,
    },
    { key: 'seed', description: 'seed', type: 'integer', min: 0, default: 0 },
  ],
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
    const p = settings.p as number;
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
    const steps = settings.steps as number;
    const result = await univariateLpExperiment(points, {
      method: 'lp',
      p,
      width: settings.width as number,
      lambda: settings.lambda as number,
      learningRate: 0.05,
      steps,
      warmup: 300,
      schedule: 'cosine',
      seed: settings.seed as number,
      restarts: settings.restarts as number,
      engine: 'tensor',
      signal,
      every: Math.max(1, Math.floor(steps / 60)),
      onProgress: (step, loss) => {
        lossRows.push([step, loss]);
        update(snapshot([], null));
      },
    });
    // the notes' recipe, the interpolating restart of least lp cost, at float32 accuracy: runs interpolating to 1e-2
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
};
