import { createYielder } from '@sgn/optimizers';
import { createRng, streamSeed } from '@sgn/tensor';
import { runUnits } from '../../harness/experiment.js';
import { defineExperiment, integer, limitStretch } from '../../harness/settings.js';
import { hoeffdingBound, majorityCorrectProbability } from '@sgn/theory';
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
      curves: { errors: { columns: ['m', 'measured', 'binomial', 'hoeffding'], rows: units } },
      plots: [
        {
          name: 'majority-error',
          title: 'Majority-vote error vs m: measured, binomial tail, Hoeffding bound',
          curve: 'errors',
          x: 'm',
          y: ['measured', 'binomial', 'hoeffding'],
          logY: true,
        },
      ],
    };
  },
});
