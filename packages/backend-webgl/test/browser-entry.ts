// Runs in headless chromium: the conformance suite on every backend, the image CNN's convolution with its
// gradients, and the seeded rng stream.
import '@sgn/backend-cpu';
import '@sgn/backend-wasm';
import '@sgn/backend-webgl';
import { createRng, registeredBackends, tf, useBackend } from '@sgn/tensor';
import { runConformance } from '@sgn/tensor/conformance';
import { conv3x3Same } from '@sgn/models';

/** conv3x3Same's output and its three gradients on a fixed input (2 images 5 x 4, 3 channels in, 2 out). */
function convCase(): number[][] {
  return tf.tidy(() => {
    const rng = createRng(5);
    const x = tf.tensor4d(Array.from(rng.uniformArray(2 * 5 * 4 * 3, -1, 1)), [2, 5, 4, 3]);
    const kernel = tf.tensor2d(Array.from(rng.uniformArray(27 * 2, -1, 1)), [27, 2]);
    const bias = tf.tensor1d([0.25, -0.5]);
    const r = tf.tensor4d(Array.from(rng.uniformArray(2 * 5 * 4 * 2, -1, 1)), [2, 5, 4, 2]);
    const out = conv3x3Same(x, kernel, bias);
    const grads = tf.grads((a: tf.Tensor, k: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(conv3x3Same(a as tf.Tensor4D, k as tf.Tensor2D, b as tf.Tensor1D), r)),
    )([x, kernel, bias]);
    return [out, ...grads].map((t) => Array.from(t.dataSync()));
  });
}

async function runAll() {
  const results: Record<string, { name: string; values: number[] }[]> = {};
  const conv: Record<string, number[][]> = {};
  const leaks: Record<string, number> = {};
  for (const backend of ['cpu', 'wasm', 'webgl'] as const) {
    await useBackend(backend);
    runConformance(); // warm up: shader compilation and one-time allocations
    const before = tf.memory().numTensors;
    results[backend] = runConformance();
    leaks[backend] = tf.memory().numTensors - before;
    conv[backend] = convCase();
  }
  const rng = createRng(2024);
  return {
    registered: registeredBackends(),
    webglVersion: tf.env().getNumber('WEBGL_VERSION'),
    results,
    leaks,
    conv,
    rng: {
      uniform: Array.from(rng.uniformArray(20)),
      normal: Array.from(rng.normalArray(20)),
      choice: rng.choice(100, 10),
    },
  };
}

(globalThis as { runSgnBrowserSuite?: typeof runAll }).runSgnBrowserSuite = runAll;
