// Table-driven conformance over every transformation and alias: state keeps its shapes, determinism under a seed,
// chains with every other one, no leaked tensors; on cpu and wasm.
import '@sgn/backend-cpu';
import '@sgn/backend-wasm';
import { createRng, normalTensor, streamSeed, tf } from '@sgn/tensor';
import { describeEachBackend, expectNoLeak } from '@sgn/tensor/testing';
import { expect, it } from 'vitest';
import {
  adagrad,
  adam,
  adamw,
  addDecayedWeights,
  addL2Gradient,
  chain,
  clipByGlobalNorm,
  cosineDecaySchedule,
  masked,
  momentum,
  scaleByAdagrad,
  scaleByAdam,
  scaleByLearningRate,
  scaleBySign,
  sgd,
  signSgd,
  signSgdW,
  traceMomentum,
  type GradientTransformation,
  type Params,
} from '../src/index.js';
import { collectTensors, disposeReplaced } from '../src/tree.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any transformation, whatever its state type (an existential: unknown would reject them by variance)
const table: [string, () => GradientTransformation<any>][] = [
  ['scaleByAdam', () => scaleByAdam()],
  ['scaleByAdam without bias correction', () => scaleByAdam({ biasCorrection: false })],
  ['addDecayedWeights', () => addDecayedWeights(0.1)],
  ['addL2Gradient', () => addL2Gradient(0.1)],
  ['scaleBySign', () => scaleBySign()],
  ['clipByGlobalNorm', () => clipByGlobalNorm(0.5)],
  ['scaleByAdagrad', () => scaleByAdagrad()],
  ['traceMomentum', () => traceMomentum()],
  ['traceMomentum nesterov', () => traceMomentum({ nesterov: true })],
  ['scaleByLearningRate', () => scaleByLearningRate(0.1)],
  ['scaleByLearningRate cosine', () => scaleByLearningRate(cosineDecaySchedule({ init: 0.1, decaySteps: 3 }))],
  ['masked', () => masked(scaleByAdam(), ['w'])],
  ['sgd', () => sgd(0.1)],
  ['momentum', () => momentum(0.1)],
  ['adam', () => adam({ learningRate: 0.01, weightDecay: 0.1 })],
  ['adamw', () => adamw({ learningRate: 0.01 })],
  ['signSgd', () => signSgd({ learningRate: 0.01, weightDecay: 0.1 })],
  ['signSgdW', () => signSgdW({ learningRate: 0.01 })],
  ['adagrad', () => adagrad({ learningRate: 0.1 })],
];

function makeParams(seed: number): Params {
  const rng = createRng(seed);
  return { w: normalTensor(rng, [3, 2]), b: normalTensor(rng, [2]) };
}

/** Runs `steps` updates with seeded gradients; returns every update's values and the state's tensor shapes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any transformation, whatever its state type (an existential: unknown would reject them by variance)
function run(transform: GradientTransformation<any>, steps: number, seed: number) {
  const params = makeParams(1);
  let state = transform.init(params);
  const initShapes = collectTensors(state).map((t) => t.shape);
  const values: number[][] = [];
  for (let i = 0; i < steps; i++) {
    const grads = makeParams(streamSeed(seed, `grads-${i}`));
    const result = transform.update(grads, state, params);
    values.push(
      ...Object.keys(params).map((name) => {
        expect(result.updates[name].shape).toEqual(params[name].shape);
        return Array.from(result.updates[name].dataSync());
      }),
    );
    disposeReplaced(result.updates, {}, new Set([...collectTensors(grads), ...collectTensors(result.state)]));
    disposeReplaced(state, result.state);
    state = result.state;
    tf.dispose(grads);
  }
  const finalShapes = collectTensors(state).map((t) => t.shape);
  tf.dispose(collectTensors(state));
  tf.dispose(params);
  return { values, initShapes, finalShapes };
}

describeEachBackend(['cpu', 'wasm'], 'optimizer conformance', () => {
  for (const [name, make] of table) {
    it(`${name}: state keeps its shapes, updates are finite and deterministic, no tensors leak`, async () => {
      const first = run(make(), 3, 10);
      expect(first.finalShapes).toEqual(first.initShapes);
      for (const row of first.values) for (const v of row) expect(Number.isFinite(v)).toBe(true);
      expect(run(make(), 3, 10).values).toEqual(first.values);
      expect(run(make(), 3, 20).values).not.toEqual(first.values);
      await expectNoLeak(() => run(make(), 3, 10));
    });

    it(`${name}: chains with every other transformation, and alone in a chain equals itself`, async () => {
      for (const [, other] of table) {
        const chained = run(chain(make(), other()), 2, 30);
        expect(chained.finalShapes).toEqual(chained.initShapes);
        for (const row of chained.values) for (const v of row) expect(Number.isFinite(v)).toBe(true);
      }
      expect(run(chain(make()), 3, 40).values).toEqual(run(make(), 3, 40).values);
      await expectNoLeak(() => run(chain(make(), scaleByAdam()), 2, 30));
    });
  }
});
