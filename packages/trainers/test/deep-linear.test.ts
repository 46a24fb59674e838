import { maxMarginDirection2d, separableSet } from '@sgn/data';
import { balancedDeepLinear } from '@sgn/models';
import { depth2LogTanHalf, depthNLogTanHalfRate, fitRate } from '@sgn/theory';
import { expectClose } from '@sgn/tensor/testing';
import { describe, expect, it } from 'vitest';
import { endToEnd, firstPhaseEnd, runDirectional } from '../src/index.js';

describe('balanced deep linear networks', () => {
  it('the rank-1 init is balanced and has the asked end-to-end vector', () => {
    const net = balancedDeepLinear({ depth: 4, width: 3, w0: [0.6, -0.8], seed: 1 });
    expectClose(endToEnd(net), [0.6, -0.8], { atol: 1e-14 });
    // W_{j+1}ᵀ W_{j+1} = W_j W_jᵀ (both h_j x h_j)
    for (let j = 0; j + 1 < 4; j++) {
      const [h0, h1, h2] = [net.widths[j], net.widths[j + 1], net.widths[j + 2]];
      const upper = net.layers[j + 1];
      const lower = net.layers[j];
      for (let a = 0; a < h1; a++)
        for (let b = 0; b < h1; b++) {
          let left = 0;
          let right = 0;
          for (let r = 0; r < h2; r++) left += upper[r * h1 + a] * upper[r * h1 + b];
          for (let c = 0; c < h0; c++) right += lower[a * h0 + c] * lower[b * h0 + c];
          expect(Math.abs(left - right)).toBeLessThan(1e-14);
        }
    }
  });
});

describe('balanced deep linear networks at ‖w0‖ ≠ 1', () => {
  it('a diverging run fails loudly where the end-to-end weights stop being finite', async () => {
    const run = runDirectional({
      depth: 2,
      v: [0, 1],
      w0: [0.6, -0.8],
      eta: 1e200,
      steps: 5,
      seed: 0,
      source: { kind: 'population', law: { kind: 'sphere' } },
    });
    await expect(run).rejects.toThrow(/end-to-end weights\[\d\] is (NaN|-?Infinity) after step \d: the run diverged/);
  });

  it('the layers carry ‖w0‖^(1/N) each; the end-to-end vector is w0', () => {
    const net = balancedDeepLinear({ depth: 3, width: 4, w0: [1.2, -1.6, 0], seed: 3 });
    expectClose(endToEnd(net), [1.2, -1.6, 0], { atol: 1e-14 });
    // rank-1 layers s·u vᵀ of unit u, v: Frobenius norm s = 2^(1/3)
    for (const layer of net.layers) expectClose([Math.hypot(...layer)], [2 ** (1 / 3)], { atol: 1e-14 });
  });

  it('population GD at depth 3 from ‖w0‖ = 8 turns at the Lemma 3 rate -(c0/π)‖w_e‖^(1/3) (circle)', async () => {
    // ‖w_e‖ = 8: -(1/π)·2 at the start; measured over t in [0, 0.2] against the rate at the recorded norms
    const curves = await runDirectional({
      depth: 3,
      v: [0, 1],
      w0: [4.8, -6.4],
      eta: 1e-4,
      steps: 2000,
      every: 200,
      seed: 0,
      source: { kind: 'population', law: { kind: 'sphere' } },
    });
    for (let i = 1; i < curves.t.length; i++) {
      const measured = (curves.logTanHalf[i] - curves.logTanHalf[i - 1]) / (curves.t[i] - curves.t[i - 1]);
      const predicted =
        (depthNLogTanHalfRate(1, curves.norm[i], 3) + depthNLogTanHalfRate(1, curves.norm[i - 1], 3)) / 2;
      expect(Math.abs(measured / predicted - 1), `interval ${i}`).toBeLessThan(2e-3);
    }
    expectClose([depthNLogTanHalfRate(1, curves.norm[0], 3)], [-2 / Math.PI], { atol: 1e-12 });
  });
});

describe('directional convergence (small runs)', () => {
  it('depth 2 on the circle follows tan(θ/2) = tan(θ0/2) e^{-t/π} within 1e-2 up to t = 5', async () => {
    const curves = await runDirectional({
      depth: 2,
      v: [0, 1],
      w0: [0.6, -0.8],
      eta: 1e-3,
      steps: 5000,
      seed: 0,
      source: { kind: 'population', law: { kind: 'sphere' } },
    });
    const theta0 = Math.acos(-0.8);
    curves.t.forEach((t, i) =>
      expect(Math.abs(curves.logTanHalf[i] - depth2LogTanHalf(theta0, 1, t))).toBeLessThan(1e-2),
    );
    expectClose([fitRate(curves.t, curves.logTanHalf, 1, 5)], [-1 / Math.PI], { atol: 5e-3 });
  });

  it('on a separable set with margin, 1 - cos to the max-margin direction stays far above the circle value', async () => {
    const { x, y } = separableSet({ d: 2, n: 40, v: [0, 1], margin: 0.2, seed: 3 });
    const { direction } = maxMarginDirection2d(x, y);
    const finite = await runDirectional({
      depth: 1,
      v: direction,
      w0: [0.6, -0.8],
      eta: 1e-3,
      steps: 40_000,
      seed: 0,
      source: { kind: 'sample', x, y },
    });
    const circle = await runDirectional({
      depth: 1,
      v: [0, 1],
      w0: [0.6, -0.8],
      eta: 1e-3,
      steps: 40_000,
      seed: 0,
      source: { kind: 'population', law: { kind: 'sphere' } },
    });
    expect(finite.oneMinusCos.at(-1)! / circle.oneMinusCos.at(-1)!).toBeGreaterThan(30);
  });

  it('the symmetric separable set has max-margin direction v, found by maxMarginDirection2d', () => {
    const { x, y } = separableSet({ d: 2, n: 30 * 2, v: [0.6, 0.8], margin: 0.3, seed: 1, symmetric: true });
    const { direction, margin } = maxMarginDirection2d(x, y);
    expectClose(direction, [0.6, 0.8], { atol: 1e-9 });
    expectClose([margin], [0.3], { atol: 1e-9 });
  });
});

it('Ctrl-C stops population GD within a second (Gaussian steps cost ~2 ms; it yields every 50 ms)', async () => {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 200);
  const start = performance.now();
  const curves = await runDirectional({
    depth: 2,
    v: [0, 1, 0, 0, 0],
    w0: [0.6, -0.8, 0, 0, 0],
    eta: 1e-3,
    steps: 1e7,
    seed: 0,
    signal: controller.signal,
    source: { kind: 'population', law: { kind: 'gaussian' } },
  });
  expect(performance.now() - start).toBeLessThan(1000);
  expect(curves.steps).toBeLessThan(1e7);
});

it('firstPhaseEnd: the first record of least norm, with its time, norm and angle 2 atan(tan(θ/2))', () => {
  const curves = {
    t: [0, 1, 2, 3],
    norm: [1, 0.5, 0.5, 2],
    logTanHalf: [0, Math.log(0.5), Math.log(0.25), Math.log(0.1)],
    oneMinusCos: [1, 0.4, 0.1, 0.02],
    loss: [0, 0, 0, 0],
    steps: 3,
  };
  expect(firstPhaseEnd(curves)).toEqual({ index: 1, t: 1, norm: 0.5, theta: 2 * Math.atan(0.5) });
});
