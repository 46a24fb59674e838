import { AdamPass, getSgnKernel, tf, useBackend, type BackendName } from '@sgn/tensor';

/** The backends a page offers. */
export const PAGE_BACKENDS: readonly BackendName[] = ['wasm', 'webgl', 'cpu'];

/** The coordinates and steps of the probe: an Adam pass the size of the patch CNN's at d 1e3 (the fused engines' step). */
const PROBE = { size: 40_000, steps: 100 };

/**
 * Times one backend on what the live experiments spend their time in: the fused engines' Adam pass (`AdamPass` of
 * that backend) and a few small tensor ops read back (the tensor paths). Run once per browser; the fastest is the
 * page's default (the choice is remembered by the page).
 *
 * @param backend - wasm, webgl or cpu
 * @returns milliseconds of the probe, after a warm-up
 */
export async function probeBackend(backend: BackendName): Promise<number> {
  await useBackend(backend);
  const pass = await getSgnKernel(AdamPass, backend)({ size: PROBE.size, threads: 1 });
  const run = () => {
    for (let t = 0; t < PROBE.steps; t++) {
      pass.grad.fill(1e-3);
      pass.step(
        { beta1: 0.9, beta2: 0.999, eps: 1e-8, eta: 1e-3, coupled: 0, decoupled: 0, correction1: 1, correction2: 1 },
        false,
      );
    }
    for (let i = 0; i < 20; i++) {
      const a = tf.randomNormal([64, 64], 0, 1, 'float32', i);
      const product = tf.matMul(a, a);
      product.dataSync();
      tf.dispose([a, product]);
    }
  };
  try {
    run(); // warm-up: compiles the kernels and shaders
    const start = performance.now();
    run();
    return performance.now() - start;
  } finally {
    pass.close();
  }
}
