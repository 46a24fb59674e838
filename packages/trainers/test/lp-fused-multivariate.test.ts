import '@sgn/backend-cpu';
import '@sgn/backend-wasm';
import { adam } from '@sgn/optimizers';
import { describe, expect, it } from 'vitest';
import { fusedMultivariateTraining } from '../src/lp/algorithm1-multivariate.fused.js';

describe('the fused multivariate lp loop', () => {
  for (const backend of ['cpu', 'wasm']) {
    it(`${backend}: the first loss by hand, with a row of small weights (counted) and a row of exact zeros (z = 0)`, async () => {
      // x̃ = [x; 1]: neuron 0 has w (1e-3, 2e-3, -1e-3): z = 1e-3 + 4e-3 - 1e-3 = 4e-3 on x (1, 2) and
      // -1e-3 + 1e-3 - 1e-3 = -1e-3 (inactive) on x (-1, 0.5); neuron 1's row is zero (z = 0, inactive)
      const initial = { v: Float64Array.of(1, 2), w: Float64Array.of(1e-3, 2e-3, -1e-3, 0, 0, 0) };
      const x = Float64Array.of(1, 2, -1, 0.5);
      const y = Float64Array.of(1, -1);
      const losses: number[] = [];
      await fusedMultivariateTraining(initial, x, y, 2, {
        optimizer: adam({ learningRate: 1e-3 }),
        prox: null,
        steps: 2,
        warmup: 0,
        every: 1,
        backend,
        onMetrics: (_, loss) => losses.push(loss),
      });
      const f = 1 * (1e-3 * 1 + 2e-3 * 2 + -1e-3 * 1);
      expect(losses[0]).toBeCloseTo(((f - 1) ** 2 + (0 + 1) ** 2) / 2, 15);
    });
  }
});
