import { createYielder } from '@sgn/optimizers';
import { createRng, streamSeed } from '@sgn/tensor';
import { runUnits, type LivePicture } from '../../harness/experiment.js';
import { choice, defineExperiment, integer, limitStretch, presetValues } from '../../harness/settings.js';
import type { RlcNoiseSharing } from '@sgn/models';
import { RLC_TRAINING_PRESETS, type RlcTrainingPreset } from './presets.js';
import {
  rlcTaskBaselines,
  rlcTaskRun,
  rlcTaskShape,
  type RlcBaselineRun,
  type RlcTaskRun,
  type RlcTaskSettings,
} from './training.js';
import { binomialPmf, hoeffdingBound, majorityCorrectProbability } from '@sgn/theory';
import { constructRlc, constructedMargin, predictOnce, randomSgnNetwork } from '@sgn/theory';

/**
 * The majority-vote guarantee as a curve: the universality construction's RLC for a random sgn network, its
 * measured majority error on test points for m = 1, 3, 5, ... against the exact binomial tail and the Hoeffding
 * bound (averaged over the points).
 */
export const rlcMajorityVoteExperiment = defineExperiment({
  id: 'rlc-majority-vote',
  paper: 'Cotta, Yehuda, Schuster & Maddison, NeurIPS 2023',
  claim:
    'The majority of m random linear classifiers converges to the limit classifier as the binomial tail says, below exp(-m γ²/2)',
  schema: {
    d: integer({ description: 'input dimension', min: 1, max: 10_000, defaults: { quick: 5, paper: 5 } }),
    units: integer({
      description: 'units of the sgn network',
      min: 1,
      max: 10_000,
      defaults: { quick: 20, paper: 20 },
    }),
    points: integer({ description: 'test points', min: 1, max: 1_000_000, defaults: { quick: 1000, paper: 10_000 } }),
    maxVotes: integer({
      description: 'largest m (odd values from 1)',
      min: 1,
      max: 100_001,
      defaults: { quick: 201, paper: 1001 },
    }),
  },
  // sgn sweep draws the three curves over m with a band over seeds, one plot per grid point
  sweepCurves: [
    {
      name: 'majority-error',
      title: 'Majority-vote error over m: measured, binomial tail, Hoeffding',
      x: 'votes',
      y: ['measured', 'binomial', 'hoeffding'],
      logY: true,
    },
  ],
  validate({ units, d, maxVotes }) {
    // the random sgn network's weights; the m draws of one point (each a linear classifier of d + 1 values)
    limitStretch('draws', 'units·(d + 1)', units * (d + 1));
    limitStretch('operations', 'maxVotes·(units + d)', maxVotes * (units + d));
  },
  // the test points and the network's units, d float64 values each
  estimateMemory: ({ points, units, d }) => ({
    bytes: 8 * (points + units) * d,
    formula: '8·(points + units)·d bytes',
  }),
  async run(settings, context) {
    const h = randomSgnNetwork({ d: settings.d, units: settings.units, seed: context.seed });
    const rlc = constructRlc(h);
    const pointRng = createRng(streamSeed(context.seed, 'points'));
    // Ctrl-C is seen within 50 ms of work, in the set-up as in the votes; runUnits drops the unit it cut short (and
    // after a cut set-up it returns at once with no new unit)
    const maybeYield = createYielder();
    const points: Float64Array[] = [];
    const margins: ReturnType<typeof constructedMargin>[] = [];
    while (points.length < settings.points && !context.signal?.aborted) {
      points.push(pointRng.normalArray(settings.d));
      margins.push(constructedMargin(rlc, points[points.length - 1]));
      await maybeYield();
    }
    const votes = Array.from({ length: Math.floor((settings.maxVotes + 1) / 2) }, (_, i) => 2 * i + 1).filter(
      (m) => m === 1 || m % 10 === 1 || m < 30,
    );
    const { units, complete } = await runUnits(votes.length, context, async (index) => {
      const m = votes[index];
      const rng = createRng(streamSeed(context.seed, `votes-m${m}`));
      let errors = 0;
      let binomial = 0;
      let hoeffding = 0;
      for (const [i, x] of points.entries()) {
        await maybeYield();
        if (context.signal?.aborted) break;
        let total = 0;
        for (let j = 0; j < m; j++) total += predictOnce(rlc, x, rng);
        if (Math.sign(total) !== margins[i].limit) errors++;
        binomial += 1 - majorityCorrectProbability(m, margins[i].p);
        hoeffding += hoeffdingBound(m, margins[i].gamma);
      }
      return [m, errors / points.length, binomial / points.length, hoeffding / points.length];
    });
    return {
      complete,
      metrics: {
        votes: units.map((u) => u[0]),
        measured: units.map((u) => u[1]),
        binomial: units.map((u) => u[2]),
        hoeffding: units.map((u) => u[3]),
      },
      curves: {
        errors: { columns: ['m', 'measured', 'binomial', 'hoeffding'], rows: units },
        // the measured error minus the exact binomial tail, with ±2 standard errors of a mean over the points
        residual: {
          columns: ['m', 'measured - binomial', '+2 SE', '-2 SE'],
          rows: units.map(([m, measured, binomial]) => {
            const se = Math.sqrt(Math.max(binomial * (1 - binomial), 0) / settings.points);
            return [m, measured - binomial, 2 * se, -2 * se];
          }),
        },
      },
      plots: [
        {
          name: 'majority-error',
          title: 'Majority-vote error vs m: measured, binomial tail, Hoeffding bound',
          curve: 'errors',
          x: 'm',
          y: ['measured', 'binomial', 'hoeffding'],
          xTitle: 'votes m',
          yTitle: 'majority-vote error',
          integerX: true,
          reference: ['binomial', 'hoeffding'],
          labels: { measured: 'measured', binomial: 'binomial tail (exact)', hoeffding: 'Hoeffding bound' },
          logY: true,
        },
        {
          name: 'majority-error-residual',
          title: 'Residual: measured majority-vote error minus the binomial tail (dashed: ±2 standard errors)',
          curve: 'residual',
          x: 'm',
          y: ['measured - binomial', '+2 SE', '-2 SE'],
          xTitle: 'votes m',
          yTitle: 'measured - binomial tail',
          integerX: true,
          reference: ['+2 SE', '-2 SE'],
        },
      ],
    };
  },
});

/**
 * The live picture of the RLC page: the share of validation examples with k of the m votes right (k = 0..m; a
 * zero score's half vote rounded down), and the binomial distribution Bin(m, q̄) the votes would follow if every
 * example's single draw were right with the same probability q̄, the mean share of right votes. The majority is
 * right on the examples with k > m/2.
 */
function votesPicture(epoch: number, rightVotes: Float64Array, m: number): LivePicture {
  const share = new Float64Array(m + 1);
  for (const k of rightVotes) share[Math.floor(k)] += 1 / rightVotes.length;
  const q = rightVotes.reduce((s, k) => s + k, 0) / (m * rightVotes.length);
  const binomial = binomialPmf(m, q);
  const majority = rightVotes.reduce((s, k) => s + (k > m / 2 ? 1 : 0), 0) / rightVotes.length;
  return {
    plot: {
      name: 'votes',
      title: `Epoch ${epoch}: right votes of m = ${m} per validation example (majority right on ${(100 * majority).toFixed(0)}%)`,
      curve: 'votes',
      x: 'k',
      y: ['examples', 'binomial'],
      xTitle: `right votes k of m = ${m} (the majority is right for k > ${m / 2})`,
      yTitle: 'share of validation examples',
      integerX: true,
      bars: ['examples'],
      reference: ['binomial'],
      // short legend names (they are never cut): the axis titles say the rest
      labels: { examples: 'measured', binomial: `Bin(m, q̄ = ${q.toFixed(3)}), q̄ the mean right share` },
    },
    curve: { columns: ['k', 'examples', 'binomial'], rows: Array.from(share, (value, k) => [k, value, binomial[k]]) },
  };
}

const TASKS = ['sign', 'sort', 'connectivity', 'sin'] as const;

const preset = <K extends keyof RlcTrainingPreset>(key: K) => presetValues(RLC_TRAINING_PRESETS, key);

/** The classifiers one step draws per noise draw: one set for the batch, or one per example of the largest batch (250). */
const drawnPerStep = (noise: RlcNoiseSharing) => (noise === 'per-example' ? 250 : 1);

/**
 * One training run of the RLC paper's tasks, sweep-shaped: `sgn sweep rlc-training --grid task=sort --grid
 * n=5,9,...,101 --seeds 0..4` gives the paper's curves with mean ± sd over model seeds (the data are fixed, as the
 * official code's). Each run measures the RLC, the best threshold rule on the task's simple feature, the constant
 * classifier and the paper's deterministic baselines.
 */
export const rlcTrainingExperiment = defineExperiment({
  id: 'rlc-training',
  paper: 'Cotta, Yehuda, Schuster & Maddison, NeurIPS 2023',
  claim:
    'RSetC, RGraphC and the generic RLC trained as the official code on sign, sort, connectivity and sin, against the best threshold rule and the deterministic baselines',
  schema: {
    task: choice({ description: 'the task', choices: TASKS, defaults: { quick: 'sort', paper: 'sort' } }),
    n: integer({
      description: 'set size (sign, sort), nodes (connectivity) or even input dimension d (sin)',
      min: 2,
      max: 201,
      defaults: { quick: 5, paper: 5 },
    }),
    sinModel: choice({
      description: 'the RLC for sin: the generic one (official code) or RSphereC',
      choices: ['generic', 'sphere'],
      defaults: { quick: 'generic', paper: 'generic' },
    }),
    hidden: integer({
      description: 'hidden width of the noise networks (0: affine)',
      min: 0,
      max: 64,
      defaults: preset('hidden'),
    }),
    epochs: integer({ description: 'epochs at most', min: 1, max: 100_000, defaults: preset('epochs') }),
    draws: integer({
      description: 'noise draws per example in the loss',
      min: 1,
      max: 10_000,
      defaults: preset('draws'),
    }),
    votes: integer({
      description: 'votes m of the majority at evaluation',
      min: 1,
      max: 10_001,
      defaults: preset('votes'),
    }),
    patience: integer({
      description: 'epochs without a better validation accuracy before stopping',
      min: 1,
      max: 100_000,
      defaults: preset('patience'),
    }),
    noise: choice({
      description: 'the k draws: shared across a batch (sgn) or per example (the official code)',
      choices: ['shared', 'per-example'] as const,
      defaults: preset('noise'),
    }),
    cosineEpochs: integer({
      description: 'epochs of the cosine decay (official: 1000)',
      min: 1,
      max: 100_000,
      defaults: preset('cosineEpochs'),
    }),
    baselines: choice({
      description: "also train the paper's deterministic baselines",
      choices: ['on', 'off'],
      defaults: { quick: 'on', paper: 'on' },
    }),
  },
  extraPresets: {
    live: {
      base: 'quick',
      values: { task: 'sign', n: 15, epochs: 30, draws: 20, votes: 31 },
      description: "the docs site's live run: the 8-parameter RSetC on sign with sets of 15, 30 epochs",
    },
  },
  metricsPlots: [
    {
      name: 'validation',
      title: "The RLC's majority-vote validation accuracy over epochs",
      x: 'epoch',
      y: ['validationAccuracy'],
      xTitle: 'epoch',
      yTitle: 'validation accuracy',
      integerX: true,
    },
  ],
  validate({ task, n, draws, votes, noise }) {
    if (task === 'sin' && (n < 4 || n % 2 !== 0)) throw new Error(`n must be an even integer >= 4 for sin, got ${n}`);
    if (task === 'connectivity' && n > 50) throw new Error(`n must be <= 50 for connectivity, got ${n}`);
    const { features } = rlcTaskShape(task, n);
    // one step's draws: k classifiers of F values (per example: k for each example of the batch)
    limitStretch('draws', 'draws·batch·features', draws * drawnPerStep(noise) * features);
    limitStretch('draws', 'votes·features', votes * features * (noise === 'per-example' ? 2000 : 1));
  },
  estimateMemory: ({ task, n, draws, noise }) => ({
    // the step's [k, B, F] classifiers and their gradients, with tfjs's intermediates (about 16 float32 copies)
    bytes: 64 * draws * drawnPerStep(noise) * rlcTaskShape(task, n).features + 8e6,
    formula: '64·draws·batch·features bytes (batch 250 per example, else 1)',
  }),
  livePictures: ['votes'],
  async run(settings, context) {
    const { onPicture } = context;
    let votes: { rightVotes: Float64Array; m: number } | null = null;
    const run: RlcTaskSettings = {
      ...settings,
      seed: context.seed,
      signal: context.signal,
      onEpoch: (epoch, validationAccuracy, loss) => {
        context.onMetrics?.({ run: 'rlc', epoch, validationAccuracy, loss });
        if (onPicture && votes) onPicture(votesPicture(epoch, votes.rightVotes, votes.m));
      },
      ...(onPicture ? { onValidationVotes: (rightVotes, m) => (votes = { rightVotes, m }) } : {}),
    };
    const { units, complete } = await runUnits(settings.baselines === 'on' ? 2 : 1, context, async (index) =>
      index === 0 ? await rlcTaskRun(run) : await rlcTaskBaselines(run),
    );
    const [result, baselines] = units as [RlcTaskRun | undefined, RlcBaselineRun[] | undefined];
    const byId = Object.fromEntries((baselines ?? []).map((b) => [b.id, b]));
    return {
      complete,
      metrics: result
        ? {
            rlcTest: result.rlc.testAccuracy,
            rlcValidation: result.rlc.validationAccuracy,
            rlcOod: result.rlc.oodAccuracy ?? null,
            rlcParameters: result.rlc.parameters,
            bestEpoch: result.rlc.epochs,
            ruleFeature: result.rule.feature,
            ruleTest: result.rule.test,
            ruleOod: result.rule.ood ?? null,
            constant: result.constant,
            baselines: Object.fromEntries(
              Object.entries(byId).map(([id, b]) => [id, { test: b.testAccuracy, parameters: b.parameters }]),
            ),
          }
        : {},
      curves: { training: { columns: ['epoch', 'validationAccuracy', 'loss'], rows: result?.history ?? [] } },
      plots: result
        ? [
            {
              name: 'training',
              title: "The RLC's validation accuracy over epochs, against the constant classifier",
              curve: 'training',
              x: 'epoch',
              y: ['validationAccuracy'],
              xTitle: 'epoch',
              yTitle: 'accuracy (majority vote of m draws)',
              integerX: true,
              labels: { validationAccuracy: 'validation accuracy' },
              rules: [{ y: result.constant, label: 'constant classifier (test)' }],
            },
          ]
        : [],
    };
  },
});
