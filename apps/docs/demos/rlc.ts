import { streamSeed } from '@sgn/tensor';
import { setSignTask } from '@sgn/data';
import { trainRlc } from '@sgn/trainers';
import { integer, type Curve } from '@sgn/experiments';
import { defineDemo, live, type Demo, type DemoSnapshot } from './types.js';

/**
 * An RSetC (affine noise networks, 8 parameters at any set size) trained on the set task "sign" (y = +1 iff most
 * entries are negative) with the soft-margin loss over noise draws, as tensors on the page's backend; accuracy is
 * the majority vote of m sampled linear classifiers.
 *
 * @see Cotta, Yehuda, Schuster & Maddison, NeurIPS 2023, RSetC and the sign task
 */
export const rlcDemo: Demo = defineDemo({
  id: 'rlc',
  title: 'A randomized set classifier learns "sign"',
  schema: {
    n: integer({ description: 'set size n', min: 3, max: 101, defaults: live(15) }),
    votes: integer({ description: 'votes m in the majority vote (odd)', min: 1, max: 201, defaults: live(31) }),
    draws: integer({ description: 'noise draws per example in the loss', min: 1, max: 200, defaults: live(20) }),
    epochs: integer({
      description: 'epochs (Adagrad, cosine decay, early stopping)',
      min: 1,
      max: 500,
      defaults: live(30),
    }),
    seed: integer({ description: 'seed', min: 0, max: 2 ** 32 - 1, defaults: live(0) }),
  },
  plots: [
    {
      name: 'validation',
      title: 'Majority-vote validation accuracy by epoch',
      curve: 'validation',
      x: 'epoch',
      y: ['accuracy', 'chance'],
    },
  ],
  async run(settings, { signal, update }) {
    const n = settings.n;
    const votes = settings.votes;
    if (votes % 2 === 0) throw new Error(`votes must be odd (a majority of m votes needs no tie-break), got ${votes}`);
    const seed = settings.seed;
    const data = {
      train: setSignTask({ n, count: 500, seed: streamSeed(seed, 'train') }),
      validation: setSignTask({ n, count: 200, seed: streamSeed(seed, 'validation') }),
      test: setSignTask({ n, count: 1000, seed: streamSeed(seed, 'test') }),
    };
    const positive = data.test.y.reduce((s, v) => s + (v > 0 ? 1 : 0), 0) / data.test.y.length;
    const curve: Curve = { columns: ['epoch', 'accuracy', 'chance'], rows: [] };
    const summary: DemoSnapshot['summary'] = {
      constantClassifier: Number(Math.max(positive, 1 - positive).toFixed(3)),
    };
    const result = await trainRlc({ kind: 'set', noise: 1, hidden: 0, size: n }, data, {
      epochs: settings.epochs,
      batch: 250,
      learningRate: 0.5,
      draws: settings.draws,
      votes,
      patience: settings.epochs,
      seed,
      signal,
      onEpoch: (epoch, accuracy) => {
        curve.rows.push([epoch, accuracy, 0.5]);
        update({ curves: { validation: curve }, summary });
      },
    });
    Object.assign(summary, {
      testAccuracy: Number(result.testAccuracy.toFixed(3)),
      validationAccuracy: Number(result.validationAccuracy.toFixed(3)),
      bestEpoch: result.epochs,
      parameters: result.parameters,
    });
    return { curves: { validation: curve }, summary };
  },
});
