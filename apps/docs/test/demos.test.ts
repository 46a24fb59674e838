// The live experiments' logic in Node on the cpu backend (the browser test runs them on webgl and wasm): each ends
// with the paper's numbers at its defaults, leaks no tensors, and rejects bad settings the way the page does.
import '@sgn/backend-cpu';
import '@sgn/backend-wasm';
import { parseSetting } from '@sgn/experiments';
import { tf, useBackend } from '@sgn/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { demos } from '../demos/registry.js';
import type { Demo } from '../demos/types.js';

const defaults = (demo: Demo) => Object.fromEntries(demo.controls.map((c) => [c.key, c.default]));

async function run(demo: Demo, overrides: Record<string, number | string> = {}, signal = new AbortController().signal) {
  const before = tf.memory().numTensors;
  let updates = 0;
  const result = await demo.run({ ...defaults(demo), ...overrides }, { signal, update: () => updates++ });
  expect(tf.memory().numTensors, 'no tensor leaks').toBe(before);
  return { ...result, updates };
}

beforeAll(async () => {
  await useBackend('cpu');
});

describe('live experiments on cpu', () => {
  it('lp: the best restart is the exact minimizer f* (knots -1, 1/2, 2, V_p = 2 + 2^p)', async () => {
    const { summary, updates } = await run(demos.lp);
    expect(updates).toBeGreaterThan(10);
    expect(summary.exactKnots).toBe('-1, 0.5, 2');
    expect(summary.exactLpCost as number).toBeCloseTo(2 + 2 ** 0.4, 3);
    expect(summary.activeNeurons).toBe(3);
    String(summary.knots)
      .split(', ')
      .map(Number)
      .forEach((knot, i) => expect(Math.abs(knot - [-1, 0.5, 2][i])).toBeLessThan(0.05));
  });

  it('adam (on wasm: 4x faster than cpu at d 2500): full batch memorizes (test error > 0.5), mini-batch generalizes (< 0.05)', async () => {
    await useBackend('wasm');
    const { summary } = await run(demos.adam).finally(() => useBackend('cpu'));
    expect(summary).toMatchObject({
      fullBatchTrainError: 0,
      miniBatchTrainError: 0,
      fullBatchSteps: 200,
      miniBatchSteps: 300,
    });
    expect(summary.fullBatchTestError as number).toBeGreaterThan(0.5);
    expect(summary.miniBatchTestError as number).toBeLessThan(0.05);
  });

  it('rlc: the 8-parameter RSetC beats the constant classifier by 0.2', async () => {
    const { summary, curves } = await run(demos.rlc);
    expect(summary.parameters).toBe(8);
    expect(curves.validation.rows).toHaveLength(30);
    expect(summary.testAccuracy as number).toBeGreaterThan((summary.constantClassifier as number) + 0.2);
  });

  it('directional: depth 2 on the circle, log(1 - cos θ) falls at 2 c0/π = 2/π (within 5%) and follows the closed form', async () => {
    const { summary, curves } = await run(demos.directional);
    expect(summary.c0).toBe(1);
    expect(Math.abs((summary.fittedRate as number) - 2 / Math.PI) / (2 / Math.PI)).toBeLessThan(0.05);
    // the closed form tan(θ/2) = 3 e^{-t/π} (gradient flow) against GD with η = 0.01 along the way
    for (const [t, measured, closed] of curves.angle.rows)
      if (t > 0 && t <= 15) expect(Math.abs(measured - closed), `t = ${t}`).toBeLessThan(0.05);
  });

  it('stops early with what it has when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const { summary } = await run(demos.directional, {}, controller.signal);
    expect(summary.steps).toBe(0);
  });

  it('bad settings get an error naming the setting, its value and what is allowed', () => {
    const width = demos.lp.controls.find((c) => c.key === 'width')!;
    expect(() => parseSetting(width, '2.5')).toThrow('width must be an integer >= 1 and <= 200, got "2.5"');
    const law = demos.directional.controls.find((c) => c.key === 'law')!;
    expect(() => parseSetting(law, 'cube')).toThrow(
      'law must be one of circle, gaussian, disc, student-t3, got "cube"',
    );
    return expect(run(demos.rlc, { votes: 4 })).rejects.toThrow(
      'votes must be odd (a majority of m votes needs no tie-break), got 4',
    );
  });
});
