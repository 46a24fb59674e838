import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import { createRng, normalTensor, registeredBackends, tf, uniformTensor, useBackend } from '../src/index.js';
import { expectClose, expectNoLeak } from '../src/testing/index.js';

describe('useBackend', () => {
  it('activates a registered backend and returns its name', async () => {
    expect(registeredBackends()).toEqual(['cpu']);
    expect(await useBackend('cpu')).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });

  it('names what is allowed for an unknown backend', async () => {
    await expect(useBackend('tpu')).rejects.toThrow('backend must be one of cpu, wasm, webgl, got "tpu"');
  });

  it('refuses webgl under Node and says what to use instead', async () => {
    await expect(useBackend('webgl')).rejects.toThrow(
      'backend "webgl" needs a browser with WebGL; under Node use cpu or wasm',
    );
  });

  it('says which package to import for a backend that was not loaded', async () => {
    await expect(useBackend('wasm')).rejects.toThrow("import '@sgn/backend-wasm' first (loaded here: cpu)");
  });
});

describe('gradients are registered by importing @sgn/tensor', () => {
  it('grad of sum(relu(x) * x) is 2x on positives and 0 on negatives', async () => {
    await useBackend('cpu');
    const g = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.relu(x), x)));
    expectClose(g(tf.tensor1d([-1, 0.5, 3])), [0, 1, 6]);
  });
});

describe('seeded tensors', () => {
  it('normalTensor holds the rng stream in row-major order, scaled', async () => {
    await useBackend('cpu');
    const expected = Array.from(createRng(11).normalArray(6, 0.5, 0.1), (v) => Math.fround(v));
    const t = normalTensor(createRng(11), [2, 3], 0.1, 0.5);
    expect(t.shape).toEqual([2, 3]);
    expectClose(t, expected, { atol: 0, rtol: 0 });
    t.dispose();
  });

  it('uniformTensor stays in [low, high)', async () => {
    const t = uniformTensor(createRng(1), [1000], -2, 3);
    const values = t.dataSync();
    expect(Math.min(...values)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...values)).toBeLessThan(3);
    t.dispose();
  });
});

describe('expectClose and expectNoLeak', () => {
  it('expectClose fails with the index and both values', () => {
    expect(() => expectClose([1, 2], [1, 2.1], { atol: 1e-3, rtol: 0 })).toThrow('index 1: got 2, expected 2.1');
    expect(() => expectClose([1], [1, 2])).toThrow('length 1 differs from expected length 2');
    expect(() => expectClose([1 + 1e-7], [1])).not.toThrow();
  });

  it('expectNoLeak catches a surviving tensor and passes a tidy computation', async () => {
    await useBackend('cpu');
    let kept: tf.Tensor | undefined;
    await expect(
      expectNoLeak(() => {
        kept = tf.ones([3]);
      }),
    ).rejects.toThrow('leaked 1 tensors');
    kept?.dispose();
    await expect(
      expectNoLeak(() =>
        tf.tidy(() => {
          tf.ones([3]).add(1);
        }),
      ),
    ).resolves.toMatchObject({});
  });
});
