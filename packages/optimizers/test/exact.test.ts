// Small cases worked out by hand (the arithmetic is spelled out below, independent of the implementation), to 1e-6.
import '@sgn/backend-cpu';
import '@sgn/backend-wasm';
import { tf } from '@sgn/tensor';
import { describeEachBackend, expectClose } from '@sgn/tensor/testing';
import { expect, it } from 'vitest';
import {
  adagrad,
  adam,
  adamw,
  addDecayedWeights,
  applyUpdates,
  sgd,
  chain,
  cosineDecaySchedule,
  masked,
  momentum,
  perEpoch,
  scaleByAdam,
  scaleByLearningRate,
  clipByGlobalNorm,
  globalNorm,
  scaleBySign,
  signSgd,
  signSgdW,
  stepSchedule,
  type GradientTransformation,
  type Params,
} from '../src/index.js';

const w0 = [1, -2];
const g1 = [0.5, -1];
const g2 = [0.1, 0.2];

/** Applies the optimizer to w0 with the given gradient sequence; returns each iterate's values. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any transformation, whatever its state type (an existential: unknown would reject them by variance)
function iterate(optimizer: GradientTransformation<any>, gradients: number[][]): number[][] {
  return tf.tidy(() => {
    let params: Params = { w: tf.tensor1d(w0) };
    let state = optimizer.init(params);
    const out: number[][] = [];
    for (const g of gradients) {
      const result = optimizer.update({ w: tf.tensor1d(g) }, state, params);
      params = applyUpdates(params, result.updates);
      state = result.state;
      out.push(Array.from(params.w.dataSync()));
    }
    return out;
  });
}

describeEachBackend(['cpu', 'wasm'], 'hand-computed steps', () => {
  it('Adam with bias correction, two steps (lr 0.1, betas 0.9/0.999, eps 1e-8)', () => {
    // step 1: m = 0.1 g1, v = 0.001 g1^2; m^ = g1, v^ = g1^2; update g1 / (|g1| + 1e-8)
    const w1 = [1 - 0.1 * (0.5 / (0.5 + 1e-8)), -2 + 0.1 * (1 / (1 + 1e-8))];
    // step 2: m = 0.9 * 0.1 g1 + 0.1 g2, v = 0.999 * 0.001 g1^2 + 0.001 g2^2, corrections 1 - 0.81 and 1 - 0.999^2
    const m = [0.09 * 0.5 + 0.01, 0.09 * -1 + 0.02];
    const v = [0.000999 * 0.25 + 0.001 * 0.01, 0.000999 * 1 + 0.001 * 0.04];
    const c1 = 0.19;
    const c2 = 1 - 0.998001;
    const w2 = w1.map((w, i) => w - (0.1 * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + 1e-8));
    const [a, b] = iterate(adam({ learningRate: 0.1 }), [g1, g2]);
    expectClose(a, w1);
    expectClose(b, w2);
  });

  it('Adam without bias correction, two steps', () => {
    // step 1: m / (sqrt(v) + eps) = 0.1 g / (sqrt(0.001) |g| + 1e-8)
    const w1 = [1 - (0.1 * 0.05) / (Math.sqrt(0.00025) + 1e-8), -2 - (0.1 * -0.1) / (Math.sqrt(0.001) + 1e-8)];
    const m = [0.09 * 0.5 + 0.01, 0.09 * -1 + 0.02];
    const v = [0.000999 * 0.25 + 0.001 * 0.01, 0.000999 * 1 + 0.001 * 0.04];
    const w2 = w1.map((w, i) => w - (0.1 * m[i]) / (Math.sqrt(v[i]) + 1e-8));
    const [a, b] = iterate(adam({ learningRate: 0.1, biasCorrection: false }), [g1, g2]);
    expectClose(a, w1);
    expectClose(b, w2);
  });

  it('AdamW decays decoupled: w1 = (1 - lr lambda) w0 - lr * adam step', () => {
    // lr 0.1, lambda 0.5: factor 0.95; the Adam step at t = 1 with bias correction is g1 / (|g1| + 1e-8)
    const w1 = [0.95 * 1 - 0.1 * (0.5 / (0.5 + 1e-8)), 0.95 * -2 + 0.1 * (1 / (1 + 1e-8))];
    expectClose(iterate(adamw({ learningRate: 0.1, weightDecay: 0.5 }), [g1])[0], w1);
  });

  it('coupled L2 (adam) and decoupled decay (adamw) differ, and coupled equals adam on g + lambda w', () => {
    // coupled: gradient g1 + 0.5 w0 = (1, -2): after bias correction the step is again sign-like, (1, -1) * 0.1
    const coupled = iterate(adam({ learningRate: 0.1, weightDecay: 0.5 }), [g1])[0];
    expectClose(coupled, [1 - 0.1 * (1 / (1 + 1e-8)), -2 + 0.1 * (2 / (2 + 1e-8))]);
    const decoupled = iterate(adamw({ learningRate: 0.1, weightDecay: 0.5 }), [g1])[0];
    expect(Math.abs(coupled[0] - decoupled[0])).toBeGreaterThan(0.04); // 0.9 vs 0.85
  });

  it('sign descent: coupled sgn(g + lambda w) vs decoupled (1 - lr lambda) w - lr sgn(g)', () => {
    // w0 = (1, -2), g = (-0.3, 0.1), lambda 1, lr 0.1
    // coupled: sgn((0.7, -1.9)) = (1, -1): (0.9, -1.9); decoupled: (0.9, -1.8) - 0.1 (-1, 1) = (1.0, -1.9)
    expectClose(iterate(signSgd({ learningRate: 0.1, weightDecay: 1 }), [[-0.3, 0.1]])[0], [0.9, -1.9]);
    expectClose(iterate(signSgdW({ learningRate: 0.1, weightDecay: 1 }), [[-0.3, 0.1]])[0], [1.0, -1.9]);
    expectClose(iterate(chain(scaleBySign(), scaleByLearningRate(0.5)), [[0, -3]])[0], [1, -1.5]);
  });

  it('Adagrad, two steps (lr 0.1)', () => {
    // s1 = g1^2, step g1/|g1| = (1, -1); s2 = (0.26, 1.04), step (0.1/sqrt(0.26), 0.2/sqrt(1.04))
    const w1 = [0.9, -1.9];
    const w2 = [0.9 - 0.1 * (0.1 / Math.sqrt(0.26)), -1.9 - 0.1 * (0.2 / Math.sqrt(1.04))];
    const [a, b] = iterate(adagrad({ learningRate: 0.1 }), [g1, g2]);
    expectClose(a, w1, { atol: 1e-6 });
    expectClose(b, w2, { atol: 1e-6 });
  });

  it('momentum and Nesterov, two steps (lr 0.1, mu 0.9)', () => {
    // b1 = g1, b2 = 0.9 g1 + g2 = (0.55, -0.7); Nesterov outputs g + 0.9 b
    const heavy = iterate(momentum(0.1, { decay: 0.9 }), [g1, g2]);
    expectClose(heavy[1], [1 - 0.05 - 0.055, -2 + 0.1 + 0.07]);
    const nesterov = iterate(momentum(0.1, { decay: 0.9, nesterov: true }), [g1, g2]);
    // step 1: g1 + 0.9 g1 = 1.9 g1; step 2: g2 + 0.9 (0.55, -0.7) = (0.595, -0.43)
    expectClose(nesterov[1], [1 - 0.095 - 0.0595, -2 + 0.19 + 0.043]);
  });

  it('masked applies the transformation to the selected parameters only', () => {
    const opt = chain(masked(scaleBySign(), ['w']), scaleByLearningRate(1));
    const out = tf.tidy(() => {
      const params = { w: tf.tensor1d([0, 0]), b: tf.tensor1d([0]) };
      const r = opt.update({ w: tf.tensor1d([3, -0.2]), b: tf.tensor1d([5]) }, opt.init(params), params);
      return [...Array.from(r.updates.w.dataSync()), ...Array.from(r.updates.b.dataSync())];
    });
    expectClose(out, [-1, 1, -5]);
  });
});

it('schedules: cosine decay, step decay, per-epoch counting', () => {
  const cosine = cosineDecaySchedule({ init: 0.5, decaySteps: 100, alpha: 0.1 });
  expectClose([cosine(0), cosine(50), cosine(100), cosine(400)], [0.5, 0.5 * (0.9 * 0.5 + 0.1), 0.05, 0.05]);
  const step = stepSchedule({ init: 1, stepSize: 10, gamma: 0.5 });
  expectClose([step(0), step(9), step(10), step(25)], [1, 1, 0.5, 0.25]);
  const epochs = perEpoch(cosineDecaySchedule({ init: 1, decaySteps: 2 }), 3);
  expectClose([epochs(0), epochs(2), epochs(3), epochs(6)], [1, 1, 0.5, 0]);
});

describeEachBackend(['cpu', 'wasm'], 'clipByGlobalNorm (optax semantics)', () => {
  it('by hand: a = (3, 0), b = (4) have global norm 5; unchanged below maxNorm, scaled to maxNorm at and above it', () => {
    const updates = () => ({ a: tf.tensor1d([3, 0]), b: tf.tensor1d([4]) });
    const run = (maxNorm: number) => {
      const u = updates();
      const out = clipByGlobalNorm(maxNorm).update(u, {}, u).updates;
      const values = [...Array.from(out.a.dataSync()), ...Array.from(out.b.dataSync())];
      tf.dispose([...Object.values(u), ...Object.values(out)]);
      return values;
    };
    const u = updates();
    expectClose(globalNorm(u), [5], { atol: 1e-6 });
    tf.dispose(Object.values(u));
    expectClose(run(10), [3, 0, 4], { atol: 1e-6 });
    // 2.5 / 5 = 0.5
    expectClose(run(2.5), [1.5, 0, 2], { atol: 1e-6 });
    // g = maxNorm: optax's where(g < maxNorm, u, u / g · maxNorm) takes the scaled branch, a factor of 1
    expectClose(run(5), [3, 0, 4], { atol: 1e-6 });
    expect(() => clipByGlobalNorm(0)).toThrow('maxNorm must be a finite number > 0, got 0');
  });
});

it('bad settings are rejected with the argument, its value and what is allowed', () => {
  expect(() => adam({ learningRate: 0.1, beta1: 1 })).toThrow('beta1 must be in [0, 1), got 1');
  expect(() => adamw({ learningRate: 0.1, weightDecay: -1 })).toThrow(
    'weightDecay must be a finite number >= 0, got -1',
  );
  expect(() => addDecayedWeights(-2)).toThrow('lambda must be a finite number >= 0, got -2');
  expect(() => sgd(-0.1)).toThrow('learningRate must be a finite number >= 0, got -0.1');
  expect(() => adam({ learningRate: 0.1, eps: Number.NaN })).toThrow('eps must be a finite number > 0, got NaN');
  // ε = 0 would make m/√v = 0/0 on a coordinate with no gradient yet (AdamW then runs on NaN weights)
  expect(() => adamw({ learningRate: 0.1, eps: 0 })).toThrow('eps must be a finite number > 0, got 0');
  expect(() => scaleByAdam({ eps: -1e-8 })).toThrow('eps must be a finite number > 0, got -1e-8');
  expect(() => adagrad({ learningRate: 0.1, eps: 0 })).toThrow('eps must be > 0 when initialAccumulator is 0');
  // with a positive initial accumulator the denominator is never 0: ε = 0 is allowed
  expect(() => adagrad({ learningRate: 0.1, eps: 0, initialAccumulator: 0.1 })).not.toThrow();
  expect(() => cosineDecaySchedule({ init: 1, decaySteps: 0 })).toThrow('decaySteps must be a positive integer, got 0');
  expect(() => stepSchedule({ init: 1, stepSize: 1.5 })).toThrow('stepSize must be a positive integer, got 1.5');
});

it('scaleByAdagradFloat64: the same two hand-computed Adagrad steps in float64 (and ε where it matters)', async () => {
  const { scaleByAdagradFloat64 } = await import('../src/index.js');
  const [w, s] = [Float64Array.from(w0), new Float64Array(2)];
  for (const g of [g1, g2]) {
    const update = Float64Array.from(g);
    scaleByAdagradFloat64(update, s, 0);
    for (let i = 0; i < 2; i++) w[i] -= 0.1 * update[i];
  }
  expect(Array.from(s)).toEqual([0.25 + 0.01, 1 + 0.04]);
  expect(w[0]).toBeCloseTo(0.9 - 0.1 * (0.1 / Math.sqrt(0.26)), 15);
  expect(w[1]).toBeCloseTo(-1.9 - 0.1 * (0.2 / Math.sqrt(1.04)), 15);
  // ε = 1 on s = 0 + 3² = 9: 3 / (3 + 1)
  const [g, sum] = [Float64Array.of(3), Float64Array.of(0)];
  scaleByAdagradFloat64(g, sum, 1);
  expect([g[0], sum[0]]).toEqual([0.75, 9]);
  expect(() => scaleByAdagradFloat64(g, new Float64Array(2), 0)).toThrow(
    'sumOfSquares must hold 1 values (one per gradient entry), got 2',
  );
});
