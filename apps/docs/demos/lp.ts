import { peakPlateau } from '@sgn/data';
import { evaluatePiecewiseLinear, trainUnivariateLp, univariateLpMinimizer, type UnivariateRun } from '@sgn/theory';
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
    { key: 'restarts', description: 'restarts (the sparsest interpolating one is kept)', type: 'integer', min: 1, max: 20, default: 3 },
    { key: 'seed', description: 'seed', type: 'integer', min: 0, default: 0 },
  ],
  plots: [
    { name: 'fit', title: 'Trained network (best restart) and the exact lp minimizer f*', curve: 'fit', x: 'x', y: ['trained', 'f*', 'data'], points: ['data'] },
    { name: 'loss', title: 'Training loss (MSE) by restart', curve: 'loss', x: 'step', y: ['loss'], logY: true },
  ],
  async run(settings, { signal, update }) {
    const points = peakPlateau();
    const p = settings.p as number;
    const exact = univariateLpMinimizer(points, p);
    const lossRows: number[][] = [];
    const runs: UnivariateRun[] = [];
    const restarts = settings.restarts as number;
    const steps = settings.steps as number;
    const snapshot = (best: UnivariateRun | null): DemoSnapshot => {
      const fitRows = best
        ? best.curve.x.map((x, i) => [x, best.curve.y[i], evaluatePiecewiseLinear(exact, x), points.x.includes(x) ? points.y[points.x.indexOf(x)] : NaN])
        : [];
      return {
        curves: { loss: { columns: ['step', 'loss'], rows: lossRows }, fit: { columns: ['x', 'trained', 'f*', 'data'], rows: fitRows } },
        summary: {
          restarts: runs.length,
          exactKnots: exact.knots.map((k) => Number(k.toFixed(4))).join(', '),
          activeNeurons: best?.activeNeurons ?? NaN,
          knots: best ? best.knots.map((k) => Number(k.location.toFixed(3))).join(', ') : '',
          interpolationError: best ? Number(best.interpolationError.toExponential(2)) : NaN,
          lpCost: best ? Number(best.lpCost.toFixed(4)) : NaN,
          exactLpCost: Number(exact.cost.toFixed(4)),
          matchesMinimizer: best?.matchesMinimizer ?? false,
        },
      };
    };
    let best: UnivariateRun | null = null;
    for (let r = 0; r < restarts && !signal.aborted; r++) {
      const run = await trainUnivariateLp(points, {
        method: 'lp', p, width: settings.width as number, lambda: settings.lambda as number, learningRate: 0.05, steps, warmup: 300,
        schedule: 'cosine', mergeTolerance: 0.05, seed: (settings.seed as number) * 1000 + r, engine: 'tensor', signal,
        every: Math.max(1, Math.floor(steps / 40)),
        onProgress: (step, loss) => {
          lossRows.push([r * steps + step, loss]);
          update(snapshot(best));
        },
      });
      runs.push(run);
      // the notes' recipe: among restarts that interpolate, keep the sparsest (least lp cost); else the best fit
      const better = (a: UnivariateRun, b: UnivariateRun) => {
        const [ai, bi] = [a.interpolationError < 1e-2, b.interpolationError < 1e-2];
        return ai !== bi ? ai : ai ? a.lpCost < b.lpCost : a.interpolationError < b.interpolationError;
      };
      if (best === null || better(run, best)) best = run;
      update(snapshot(best));
    }
    return snapshot(best);
  },
};
