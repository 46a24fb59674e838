import { setSignTask, connectivityTask } from '@sgn/data';
import { graphPairs, invarianceTest, positionScaled, setPairs, spherePairs } from './invariance.js';
import { countParameters, initRlc, type RlcConfig } from '@sgn/models';
import { createRng, streamSeed, tf } from '@sgn/tensor';
import type { TheoryCheck } from '../../harness/check.js';
import { hoeffdingBound, majorityCorrectProbability } from '@sgn/theory';
import {
  constructRlc,
  constructedMargin,
  constructedRlcParameters,
  evaluateSgnNetwork,
  predictOnce,
  randomSgnNetwork,
  sgnNetworkParameters,
} from '@sgn/theory';
import { trainBaseline, trainRlc } from '@sgn/trainers';

const PAPER = 'Cotta, Yehuda, Schuster & Maddison, NeurIPS 2023';

/** The RLC paper's claims as theory checks. */
export const rlcChecks: TheoryCheck[] = [
  {
    id: 'rlc.construction',
    paper: PAPER,
    claim:
      'A one-hidden-layer sgn network (d = 5, 20 units) becomes an RLC whose limit classifier equals it; majority errors (a tie is wrong) match the binomial tail, and the Hoeffding bound exp(-m γ²/2) is at or above the exact tail at every point',
    async run({ seed }) {
      const h = randomSgnNetwork({ d: 5, units: 20, seed });
      const rlc = constructRlc(h);
      const rng = createRng(streamSeed(seed, 'points'));
      const points = Array.from({ length: 1000 }, () => rng.normalArray(5));
      const agree = points.filter((x) => constructedMargin(rlc, x).limit === evaluateSgnNetwork(h, x)).length;
      // m = 10 is even: a tie (5 against 5) is a wrong vote, as the binomial tail counts it
      let boundBelowTail = 0;
      const rows = [1, 10, 11, 101].map((m) => {
        let errors = 0;
        let expected = 0;
        let variance = 0;
        let hoeffding = 0;
        for (const x of points) {
          const { limit, p, gamma } = constructedMargin(rlc, x);
          let votes = 0;
          for (let j = 0; j < m; j++) votes += predictOnce(rlc, x, rng);
          if (Math.sign(votes) !== limit) errors++;
          const q = 1 - majorityCorrectProbability(m, p);
          const bound = hoeffdingBound(m, gamma);
          // a bound is never below the probability it bounds (1e-12: rounding of the tail's sum)
          if (bound < q - 1e-12) boundBelowTail++;
          expected += q;
          variance += q * (1 - q);
          hoeffding += bound;
        }
        const n = points.length;
        return {
          m,
          measured: errors / n,
          expected: expected / n,
          standardError: Math.sqrt(variance) / n,
          hoeffding: hoeffding / n,
        };
      });
      const parameters = constructedRlcParameters(rlc);
      const p = sgnNetworkParameters(h);
      const pass =
        agree === points.length &&
        boundBelowTail === 0 &&
        rows.every((r) => Math.abs(r.measured - r.expected) <= 4 * r.standardError + 1e-12);
      return {
        pass,
        measured:
          `limit = h on ${agree}/1000 points; Hoeffding below the exact tail at ${boundBelowTail} of ${4 * points.length} (point, m); ` +
          rows
            .map(
              (r) =>
                `m=${r.m}: error ${r.measured.toFixed(3)} vs binomial ${r.expected.toFixed(3)} ± ${r.standardError.toFixed(3)} (${((r.measured - r.expected) / r.standardError).toFixed(1)} SE), Hoeffding ${r.hoeffding.toFixed(3)}`,
            )
            .join('; ') +
          `; ${parameters} parameters (p - 1 by construction, h has p = ${p})`,
        expected: 'limit = h on 1000/1000; Hoeffding >= exact tail at every (point, m); |error - binomial| <= 4 SE',
        details: { agree, boundBelowTail, parameters, p, rows },
      };
    },
  },
  {
    id: 'rlc.invariance',
    paper: PAPER,
    claim:
      'RSetC, RGraphC and RSphereC score every input and its transform with the same distribution (KS over 20 inputs x random permutations / relabellings / rotations, Fisher-combined, not rejected at 0.001); an RSetC that reads position by only 1 + 0.1 i/(n-1) is rejected',
    async run({ seed }) {
      const [count, draws, alpha] = [20, 5000, 0.001];
      const rng = createRng(streamSeed(seed, 'invariance-inputs'));
      const setConfig: RlcConfig = { kind: 'set', noise: 1, hidden: 4, size: 7 };
      const graphConfig: RlcConfig = { kind: 'graph', noise: 1, hidden: 4, size: 21 };
      const sphereConfig: RlcConfig = { kind: 'sphere', noise: 1, hidden: 4, size: 5 };
      const params = {
        set: initRlc(setConfig, { seed: streamSeed(seed, 'set-init') }),
        graph: initRlc(graphConfig, { seed: streamSeed(seed, 'graph-init') }),
        sphere: initRlc(sphereConfig, { seed: streamSeed(seed, 'sphere-init') }),
      };
      try {
        const sets = setPairs(7, count, rng);
        const rows = [
          {
            name: 'RSetC, permuted sets',
            invariant: true,
            ...invarianceTest(params.set, setConfig, sets, draws, seed),
          },
          {
            name: 'RGraphC, relabelled graphs',
            invariant: true,
            ...invarianceTest(params.graph, { ...graphConfig, size: 6 }, graphPairs(6, count, rng, seed), draws, seed),
          },
          {
            name: 'RSphereC, rotated points',
            invariant: true,
            ...invarianceTest(params.sphere, sphereConfig, spherePairs(5, count, rng), draws, seed),
          },
          {
            name: 'RSetC reading position (a_i x 1 + 0.1 i/6), permuted sets',
            invariant: false,
            ...invarianceTest(params.set, setConfig, positionScaled(sets), draws, streamSeed(seed, 'control')),
          },
        ];
        const pass = rows.every((r) => (r.invariant ? r.pValue >= alpha : r.pValue < alpha));
        return {
          pass,
          measured: rows
            .map((r) => `${r.name}: p ${r.pValue.toExponential(2)} (largest D ${r.worst.statistic.toFixed(4)})`)
            .join('; '),
          expected: `p >= ${alpha} for the three invariant RLCs, p < ${alpha} for the position-reading one (${count} inputs, ${draws} draws each side)`,
          details: { count, draws, rows },
        };
      } finally {
        tf.dispose([...Object.values(params.set), ...Object.values(params.graph), ...Object.values(params.sphere)]);
      }
    },
  },
  {
    id: 'rlc.training',
    paper: PAPER,
    claim:
      'RSetC on sign (n = 25) reaches test accuracy >= 0.80 with a parameter count independent of n; RGraphC on connectivity (n = 10) beats the constant classifier by >= 0.08',
    async run({ seed, preset, signal }) {
      const settings = {
        epochs: preset === 'paper' ? 1000 : 100,
        batch: 250,
        learningRate: 0.5,
        draws: 100,
        votes: 101,
        patience: 50,
        seed,
        signal,
      };
      // test sets of 2000 (the code's 100 have a standard error of about 0.04 on an accuracy of 0.8)
      const sign = {
        train: setSignTask({ n: 25, count: 1000, seed: 1 }),
        validation: setSignTask({ n: 25, count: 100, seed: 2 }),
        test: setSignTask({ n: 25, count: 2000, seed: 3 }),
        ood: setSignTask({ n: 51, count: 2000, seed: 4 }),
      };
      const setConfig: RlcConfig = { kind: 'set', noise: 1, hidden: 0, size: 25 };
      const rsetc = await trainRlc(setConfig, sign, settings);
      const largerParams = initRlc({ ...setConfig, size: 51 }, { seed: 0 });
      const largerSet = countParameters(largerParams);
      tf.dispose(Object.values(largerParams));
      signal?.throwIfAborted();
      const deepSets = await trainBaseline({ kind: 'deep-sets', hidden: 5 }, sign, { ...settings, learningRate: 0.05 });
      const graphs = {
        train: connectivityTask({ n: 10, count: 1000, seed: 1 }),
        validation: connectivityTask({ n: 10, count: 100, seed: 2 }),
        test: connectivityTask({ n: 10, count: 2000, seed: 3 }),
      };
      const graphSettings = { ...settings, batch: 100 };
      signal?.throwIfAborted();
      const rgraphc = await trainRlc({ kind: 'graph', noise: 1, hidden: 0, size: 10 }, graphs, graphSettings);
      signal?.throwIfAborted();
      const mlp = await trainBaseline({ kind: 'mlp', hidden: 8, graph: true }, graphs, {
        ...graphSettings,
        learningRate: 0.05,
      });
      signal?.throwIfAborted();
      const gnn = await trainBaseline({ kind: 'gnn', hidden: 8 }, graphs, { ...graphSettings, learningRate: 0.05 });
      const positive = graphs.test.y.reduce((s, v) => s + (v > 0 ? 1 : 0), 0) / graphs.test.y.length;
      const constant = Math.max(positive, 1 - positive);
      const pass =
        rsetc.testAccuracy >= 0.8 && rsetc.parameters === largerSet && rgraphc.testAccuracy - constant >= 0.08;
      return {
        pass,
        measured:
          `RSetC: test ${rsetc.testAccuracy.toFixed(3)} with ${rsetc.parameters} parameters (${largerSet} at n = 51), ${rsetc.oodAccuracy?.toFixed(3)} on sets of 51; Deep Sets: ${deepSets.testAccuracy.toFixed(3)} with ${deepSets.parameters}; ` +
          `RGraphC: ${rgraphc.testAccuracy.toFixed(3)} with ${rgraphc.parameters} vs constant ${constant.toFixed(3)}; MLP: ${mlp.testAccuracy.toFixed(3)} with ${mlp.parameters}; GNN: ${gnn.testAccuracy.toFixed(3)} with ${gnn.parameters}`,
        expected: 'RSetC >= 0.80 and parameters equal at n = 25 and 51; RGraphC - constant >= 0.08',
        details: { rsetc, deepSets, rgraphc, mlp, gnn, constant, largerSet },
      };
    },
  },
];
