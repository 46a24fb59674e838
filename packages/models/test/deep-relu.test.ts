import '@sgn/backend-cpu';
import '@sgn/backend-wasm';
import { tf } from '@sgn/tensor';
import { describeEachBackend, expectClose, expectNoLeak } from '@sgn/tensor/testing';
import { expect, it } from 'vitest';
import { deepReluDepth, deepReluLogits, initDeepRelu } from '../src/index.js';

describeEachBackend(['cpu', 'wasm'], 'deep ReLU network without biases', () => {
  it('computes relu(relu(x w0) w1) w2 by hand, with negative entries cut at each hidden layer', async () => {
    const params = {
      w0: tf.tensor2d([
        [1, -2],
        [0.5, 1],
      ]),
      w1: tf.tensor2d([
        [2, -1],
        [-3, 1],
      ]),
      w2: tf.tensor2d([[1.5], [-0.25]]),
    };
    // x = (2, -1): x w0 = (1.5, -5) -> relu (1.5, 0); · w1 = (3, -1.5) -> relu (3, 0); · w2 = 4.5
    // x = (-1, 4): x w0 = (1, 6) -> (1, 6); · w1 = (-16, 5) -> (0, 5); · w2 = -1.25
    const x = tf.tensor2d([
      [2, -1],
      [-1, 4],
    ]);
    expectClose(deepReluLogits(params, x), [4.5, -1.25], { atol: 1e-6 });
    expect(deepReluDepth(params)).toBe(3);
    await expectNoLeak(() => deepReluLogits(params, x).dispose());
  });

  it("draws PyTorch's default bounds 1/√fan_in per layer, and weightScale α^(1/L) multiplies the output by α", () => {
    const options = { features: 30, hidden: 12, depth: 5, outputs: 4, seed: 3 };
    const plain = initDeepRelu(options);
    const alpha = 10;
    const scaled = initDeepRelu({ ...options, weightScale: alpha ** (1 / 5) });
    expect(Object.keys(plain)).toEqual(['w0', 'w1', 'w2', 'w3', 'w4']);
    expect(plain.w0.shape).toEqual([30, 12]);
    expect(plain.w4.shape).toEqual([12, 4]);
    const bound0 = Math.max(...Array.from(tf.abs(plain.w0).dataSync()));
    const bound1 = Math.max(...Array.from(tf.abs(plain.w1).dataSync()));
    // 360 draws fill [-1/√30, 1/√30]; 144 fill [-1/√12, 1/√12]
    expect(bound0).toBeLessThanOrEqual(1 / Math.sqrt(30));
    expect(bound0).toBeGreaterThan(0.95 / Math.sqrt(30));
    expect(bound1).toBeLessThanOrEqual(1 / Math.sqrt(12));
    expect(bound1).toBeGreaterThan(0.9 / Math.sqrt(12));
    const x = tf.randomUniform([6, 30], -1, 1, 'float32', 1) as tf.Tensor2D;
    const f = deepReluLogits(plain, x).arraySync();
    const g = deepReluLogits(scaled, x).arraySync();
    // the same draws scaled (same seed), and five layers of α^(1/5): the logits times 10
    const fTimes = f.flat().map((v) => alpha * v);
    expectClose(g.flat(), fTimes, { atol: 1e-5, rtol: 1e-4 });
    // input scaling: f(αx) = α f(x)
    expectClose(deepReluLogits(plain, tf.mul(x, alpha) as tf.Tensor2D), fTimes, { atol: 1e-5, rtol: 1e-4 });
    expect(Math.max(...fTimes.map(Math.abs))).toBeGreaterThan(1e-4);
    tf.dispose([...Object.values(plain), ...Object.values(scaled), x]);
  });

  it('refuses a weight scale that is not positive, and params that are not w0..w{L-1}', () => {
    expect(() => initDeepRelu({ features: 2, hidden: 2, depth: 2, outputs: 1, seed: 0, weightScale: 0 })).toThrow(
      /weightScale must be a positive finite number, got 0/,
    );
    const w1 = tf.zeros([2, 2]) as tf.Tensor2D;
    expect(() => deepReluLogits({ w1 }, w1)).toThrow(/w0\.\.w\{L-1\}, got w1/);
    w1.dispose();
  });
});
