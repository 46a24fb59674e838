import { c0, type RadialLaw } from '@sgn/data';
import { applyDeepLinear, endToEndVector, initDeepLinear, type DeepLinearParams } from '@sgn/models';
import { sgd, train } from '@sgn/optimizers';
import { tf } from '@sgn/tensor';
import { fitRate, radialNodes } from '@sgn/theory';
import { choice, integer, number, type Curve } from '@sgn/experiments';
import { defineDemo, live, type Demo, type DemoSnapshot } from './types.js';

const LAWS: Record<string, RadialLaw> = {
  circle: { kind: 'sphere' },
  gaussian: { kind: 'gaussian' },
  disc: { kind: 'ball' },
  'student-t3': { kind: 'student-t', nu: 3 },
};
/** Figure 1's start: w_e(0) = (0.6, -0.8), v = (0, 1), so tan(θ₀/2) = 3. */
const W0 = [0.6, -0.8];
const ANGLES = 128;

/**
 * The population of a 2-D spherically symmetric law as a weighted point set: the law's radial quadrature nodes
 * times a midpoint grid of angles that puts no point on the label boundary vᵀx = 0 (so each half-plane's integrand
 * is smooth), labels y = sgn(vᵀx) with v = (0, 1). Σ weight·ℓ(x) is then the population loss to ~1e-4.
 */
function populationPoints(law: RadialLaw): { x: Float32Array; y: Float32Array; weight: Float32Array; count: number } {
  const { radii, weights } = radialNodes(law, 2);
  const count = radii.length * ANGLES;
  const [x, y, weight] = [new Float32Array(2 * count), new Float32Array(count), new Float32Array(count)];
  let k = 0;
  for (let a = 0; a < ANGLES; a++) {
    const phi = ((a + 0.5) * 2 * Math.PI) / ANGLES;
    for (let i = 0; i < radii.length; i++, k++) {
      x[2 * k] = radii[i] * Math.cos(phi);
      x[2 * k + 1] = radii[i] * Math.sin(phi);
      y[k] = Math.sin(phi) > 0 ? 1 : -1;
      weight[k] = weights[i] / ANGLES;
    }
  }
  return { x, y, weight, count };
}

/**
 * Gradient descent on the population logistic loss of a balanced deep linear network, as tensors on the page's
 * backend, recording the angle θ between the end-to-end vector and v. At depth 2 gradient flow gives
 * tan(θ/2) = tan(θ₀/2) e^{-c₀t/π}, so log(1 - cos θ) falls at the rate 2c₀/π once θ is small.
 *
 * @see Lin, Sun & Zhang, NeurIPS 2021, Figure 1 and Lemma 3 (the depth-2 closed form derived on the directional page)
 */
export const directionalDemo: Demo = defineDemo({
  id: 'directional',
  title: 'Directional convergence of a deep linear network',
  schema: {
    depth: integer({ description: 'depth N (1 = linear predictor)', min: 1, max: 6, defaults: live(2) }),
    law: choice({ description: 'radial law of the 2-D data', choices: Object.keys(LAWS), defaults: live('circle') }),
    eta: number({ description: 'step size η', min: 0, exclusiveMin: true, max: 1, defaults: live(0.01) }),
    time: number({ description: 'run until t = η · steps', min: 1, max: 200, defaults: live(20) }),
  },
  plots: [
    {
      name: 'angle',
      title: 'log(1 - cos θ) against t',
      curve: 'angle',
      x: 't',
      y: ['measured', 'depth-2 closed form'],
    },
    { name: 'norm', title: 'End-to-end norm ‖w_e‖', curve: 'angle', x: 't', y: ['norm'] },
  ],
  async run(settings, { signal, update }) {
    const depth = settings.depth;
    const law = LAWS[settings.law];
    const eta = settings.eta;
    const steps = Math.round(settings.time / eta);
    const c = c0(law, 2, { seed: 0 }).value;
    const population = populationPoints(law);
    const data = {
      x: tf.tensor2d(population.x, [population.count, 2]),
      y: tf.tensor1d(population.y),
      weight: tf.tensor1d(population.weight),
    };
    const theta0 = Math.acos(W0[1]);
    const curve: Curve = { columns: ['t', 'measured', 'depth-2 closed form', 'norm'], rows: [] };
    const summary: DemoSnapshot['summary'] = {
      c0: Number(c.toFixed(4)),
      predictedRate: Number(((2 * c) / Math.PI).toFixed(4)),
    };
    let finalTheta = NaN;
    const record = (params: DeepLinearParams, step: number) => {
      const [w1, w2] = tf.tidy(() => endToEndVector(params).dataSync());
      const norm = Math.hypot(w1, w2);
      const theta = Math.atan2(Math.abs(w1), w2); // angle to v = (0, 1)
      finalTheta = theta;
      const t = eta * step;
      const closed = 2 * Math.atan(Math.tan(theta0 / 2) * Math.exp((-c * t) / Math.PI));
      curve.rows.push([t, Math.log(2 * Math.sin(theta / 2) ** 2), Math.log(2 * Math.sin(closed / 2) ** 2), norm]);
    };
    const initial = initDeepLinear({ depth, d: 2, width: 2, init: 'balanced', w0: W0, seed: 0 });
    try {
      record(initial, 0);
      const result = await train<DeepLinearParams>({
        params: initial,
        data,
        loss: (params, batch) =>
          tf.tidy(() => {
            const margins = tf.mul(batch.y, applyDeepLinear(params, batch.x));
            return tf.sum(tf.mul(batch.weight, tf.softplus(tf.neg(margins)))) as tf.Scalar;
          }),
        optimizer: sgd(eta),
        batchSize: 'full',
        steps,
        seed: 0,
        signal,
        every: Math.max(1, Math.floor(steps / 100)),
        onMetrics: (metrics, params) => {
          record(params, metrics.step);
          update({ curves: { angle: curve }, summary });
        },
      });
      const [t, measured] = [curve.rows.map((r) => r[0]), curve.rows.map((r) => r[1])];
      const to = Math.min(settings.time, 20);
      summary.fitWindow = `${to / 2}–${to}`;
      // the slope of log(1 - cos θ) tends to -2c₀/π as θ → 0 (at depth 2); fitted over the second half of t <= 20
      if (t.at(-1)! >= to) {
        const fittedRate = Number((-fitRate(t, measured, to / 2, to)).toFixed(4));
        summary.fittedRate = fittedRate;
        summary.relativeGap = Number(Math.abs((fittedRate - (2 * c) / Math.PI) / ((2 * c) / Math.PI)).toFixed(4));
      }
      summary.finalAngle = Number(finalTheta.toExponential(3));
      summary.steps = result.steps;
      tf.dispose(Object.values(result.params).filter((tensor) => !Object.values(initial).includes(tensor)));
      tf.dispose(result.state as tf.TensorContainer);
    } finally {
      tf.dispose([...Object.values(initial), data.x, data.y, data.weight]);
    }
    return { curves: { angle: curve }, summary };
  },
});
