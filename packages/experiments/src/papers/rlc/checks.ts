import { graphPairs, invarianceTest, positionScaled, setPairs, spherePairs } from './invariance.js';
import { initRlc, type RlcConfig } from '@sgn/models';
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
import { RLC_TRAINING_PRESETS } from './presets.js';
import { accuracyGapError, rlcTaskBaselines, rlcTaskRun, type RlcBaselineRun, type RlcTaskRun } from './training.js';

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
      'Trained RSetC (sign n = 25, sort n = 5, and on sets of 2n + 1) and RGraphC (connectivity n = 10) classify as well as the best threshold rule on Σx / the edge count (within 2 SE) and >= 0.08 above the constant classifier; measured, they do not exceed that rule',
    async run({ seed, preset, signal, log }) {
      const common = { ...RLC_TRAINING_PRESETS[preset], seed, signal };
      const rows: (RlcTaskRun & { task: string; n: number; baselines: RlcBaselineRun[]; se: number; gap: number })[] =
        [];
      for (const [task, n] of [
        ['sign', 25],
        ['sort', 5],
        ['connectivity', 10],
      ] as const) {
        signal?.throwIfAborted();
        const run = await rlcTaskRun({ ...common, task, n });
        const baselines = await rlcTaskBaselines({ ...common, task, n });
        const [a, r] = [run.rlc.testAccuracy, run.rule.test];
        const se = accuracyGapError(a, r);
        rows.push({ task, n, ...run, baselines, se, gap: a - r });
        log?.(`  ${task} n ${n}: RLC ${a.toFixed(3)}, threshold on ${run.rule.feature} ${r.toFixed(3)}`);
      }
      // on sets of 2n + 1 too (the same θ): the RLC within 2 SE of the rule fitted at n
      const oodHolds = (row: (typeof rows)[number]) => {
        const [a, r] = [row.rlc.oodAccuracy, row.rule.ood];
        return a === undefined || r === undefined || a - r >= -2 * accuracyGapError(a, r);
      };
      const pass = rows.every(
        (row) => row.gap >= -2 * row.se && row.rlc.testAccuracy - row.constant >= 0.08 && oodHolds(row),
      );
      const beyond = rows.filter((row) => row.gap > 2 * row.se).map((row) => row.task);
      const fmt = (v: number | undefined) => (v === undefined ? '-' : v.toFixed(3));
      return {
        pass,
        measured:
          rows
            .map(
              (row) =>
                `${row.task} n ${row.n}: RLC ${fmt(row.rlc.testAccuracy)} (${row.rlc.parameters} parameters${row.rlc.oodAccuracy === undefined ? '' : `, ${fmt(row.rlc.oodAccuracy)} at n ${2 * row.n + 1}`}) vs threshold on ${row.rule.feature} ${fmt(row.rule.test)}${row.rule.ood === undefined ? '' : ` (${fmt(row.rule.ood)})`}, gap ${(row.gap / row.se).toFixed(1)} SE; constant ${fmt(row.constant)}; ` +
                row.baselines.map((b) => `${b.name} ${fmt(b.testAccuracy)} (${b.parameters})`).join(', '),
            )
            .join('; ') +
          (beyond.length > 0
            ? `; exceeds the threshold rule by > 2 SE on ${beyond.join(', ')}`
            : '; on no task does the RLC exceed the threshold rule by > 2 SE (the paper reports RSetC 0.842 on sign n = 25 and 0.618 on sort n = 5)'),
        expected: 'on each task: RLC >= threshold rule - 2 SE (at n and at 2n + 1) and >= constant + 0.08',
        details: { settings: common, rows },
      };
    },
  },
];
