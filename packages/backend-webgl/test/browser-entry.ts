// Runs in headless chromium: the conformance suite on every backend, and the seeded rng stream.
import '@sgn/backend-cpu';
import '@sgn/backend-wasm';
import '@sgn/backend-webgl';
import { createRng, registeredBackends, tf, useBackend } from '@sgn/tensor';
import { runConformance } from '@sgn/tensor/conformance';

async function runAll() {
  const results: Record<string, { name: string; values: number[] }[]> = {};
  const leaks: Record<string, number> = {};
  for (const backend of ['cpu', 'wasm', 'webgl'] as const) {
    await useBackend(backend);
    runConformance(); // warm up: shader compilation and one-time allocations
    const before = tf.memory().numTensors;
    results[backend] = runConformance();
    leaks[backend] = tf.memory().numTensors - before;
  }
  const rng = createRng(2024);
  return {
    registered: registeredBackends(),
    webglVersion: tf.env().getNumber('WEBGL_VERSION'),
    results,
    leaks,
    rng: {
      uniform: Array.from(rng.uniformArray(20)),
      normal: Array.from(rng.normalArray(20)),
      choice: rng.choice(100, 10),
    },
  };
}

(globalThis as { runSgnBrowserSuite?: typeof runAll }).runSgnBrowserSuite = runAll;
