import '@sgn/backend-cpu';
import '@sgn/backend-wasm';
import { tf } from '@sgn/tensor';
import { describeEachBackend, expectClose } from '@sgn/tensor/testing';
import { expect, it } from 'vitest';
import { applyDeepLinear, endToEndVector, initDeepLinear, layerAlignment } from '../src/index.js';

describeEachBackend(['cpu', 'wasm'], 'deep linear networks', () => {
  it('balanced init: end-to-end vector w0, W_{j+1}ᵀW_{j+1} = W_jW_jᵀ, aligned layers', () => {
    const net = initDeepLinear({ depth: 4, d: 2, width: 3, init: 'balanced', w0: [0.6, -0.8], seed: 1 });
    expectClose(endToEndVector(net), [0.6, -0.8], { atol: 1e-6 });
    for (let j = 1; j < 4; j++) {
      const upper = net[`w${j + 1}`];
      const lower = net[`w${j}`];
      expectClose(tf.matMul(upper, upper, true, false), tf.matMul(lower, lower, false, true), { atol: 1e-6 });
    }
    for (const a of layerAlignment(net)) expect(a).toBeCloseTo(1, 6);
  });

  it('apply is x · w_e; a scaled w0 gives layers scaled by ‖w0‖^{1/N}', () => {
    const net = initDeepLinear({ depth: 3, d: 3, width: 4, init: 'balanced', w0: [2, 0, -2], seed: 2 });
    expectClose(
      applyDeepLinear(
        net,
        tf.tensor2d([
          [1, 1, 1],
          [0.5, 3, -1],
        ]),
      ),
      [0, 3],
      { atol: 1e-5 },
    );
    const norm = Math.sqrt(8);
    expectClose([tf.norm(net.w3).dataSync()[0]], [norm ** (1 / 3)], { atol: 1e-5 });
  });

  it('Gaussian init follows the seed; bad options are rejected', () => {
    const a = initDeepLinear({ depth: 2, d: 3, width: 5, init: 'gaussian', seed: 4 });
    const b = initDeepLinear({ depth: 2, d: 3, width: 5, init: 'gaussian', seed: 4 });
    expect(Array.from(a.w1.dataSync())).toEqual(Array.from(b.w1.dataSync()));
    expect(a.w2.shape).toEqual([1, 5]);
    expect(() => initDeepLinear({ depth: 2, d: 3, width: 5, init: 'balanced', seed: 0 })).toThrow(
      'balanced init needs w0 of length d = 3, got none',
    );
    expect(() => initDeepLinear({ depth: 0, d: 3, width: 5, init: 'gaussian', seed: 0 })).toThrow(
      'depth must be a positive integer, got 0',
    );
  });
});
