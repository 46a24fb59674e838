import { connectivityTask, setSignTask } from '@sgn/data';
import { countParameters, initRlc, rlcScores, type RlcConfig, type RlcParams } from '@sgn/models';
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

/** The fraction of `draws` single random predictions that are +1 for one input x [1, F]. */
function positiveRate(params: RlcParams, config: RlcConfig, x: number[], draws: number, seed: number): number {
  return tf.tidy(() => {
    const scores = Array.from(rlcScores(params, config, tf.tensor2d([x]), draws, createRng(seed)).dataSync());
    return scores.reduce((s, v) => s + (v > 0 ? 1 : 0), 0) / draws;
  });
}

/** Two-proportion z statistic for rates from equal sample sizes. */
function zStatistic(p1: number, p2: number, draws: number): number {
  const pooled = (p1 + p2) / 2;
  const se = Math.sqrt((2 * pooled * (1 - pooled)) / draws);
  return se === 0 ? (p1 === p2 ? 0 : Number.POSITIVE_INFINITY) : (p1 - p2) / se;
}

function randomRotation(d: number, seed: number): number[][] {
  const rng = createRng(seed);
  const rows: number[][] = [];
  while (rows.length < d) {
    let v = Array.from(rng.normalArray(d));
    for (const r of rows) {
      const dot = r.reduce((s, value, j) => s + value * v[j], 0);
      v = v.map((value, j) => value - dot * r[j]);
    }
    const norm = Math.hypot(...v);
    rows.push(v.map((value) => value / norm));
  }
  return rows;
}

/** The RLC paper's claims as theory checks. */
export const rlcChecks: TheoryCheck[] = [
  {
    id: 'rlc.construction',
    paper: PAPER,
    claim:
      'A one-hidden-layer sgn network (d = 5, 20 units) becomes an RLC with p + O(1) parameters whose limit classifier equals it; majority errors match the binomial tail and stay below exp(-m γ²/2)',
    async run({ seed }) {
      const h = randomSgnNetwork({ d: 5, units: 20, seed });
      const rlc = constructRlc(h);
      const rng = createRng(streamSeed(seed, 'points'));
      const points = Array.from({ length: 1000 }, () => rng.normalArray(5));
      const agree = points.filter((x) => constructedMargin(rlc, x).limit === evaluateSgnNetwork(h, x)).length;
      const rows = [1, 11, 101].map((m) => {
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
          expected += q;
          variance += q * (1 - q);
          hoeffding += hoeffdingBound(m, gamma);
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
        parameters <= p + 1 &&
        rows.every(
          (r) => Math.abs(r.measured - r.expected) <= 4 * r.standardError + 1e-12 && r.measured <= r.hoeffding,
        );
      return {
        pass,
        measured:
          `limit = h on ${agree}/1000 points; ${parameters} parameters (h has p = ${p}); ` +
          rows
            .map(
              (r) =>
                `m=${r.m}: error ${r.measured.toFixed(3)} vs binomial ${r.expected.toFixed(3)} ± ${r.standardError.toFixed(3)}, Hoeffding ${r.hoeffding.toFixed(3)}`,
            )
            .join('; '),
        expected: 'limit = h on 1000/1000; parameters <= p + 1; |error - binomial| <= 4 SE; error <= Hoeffding',
        details: { agree, parameters, p, rows },
      };
    },
  },
  {
    id: 'rlc.invariance',
    paper: PAPER,
    claim:
      'RSetC, RGraphC and RSphereC predict with the same distribution on a transformed input (10^4 draws, not rejected at 0.001); a non-invariant RLC is rejected',
    async run({ seed }) {
      const draws = 10_000;
      const critical = 3.29; // two-sided 0.001
      const rng = createRng(seed);
      const rows: { name: string; z: number; rates: [number, number] }[] = [];
      const test = (name: string, config: RlcConfig, raw: RlcParams, x: number[], gx: number[], center = true) => {
        // shift ψ's output bias by the median score on x, so that P(+1) is near 1/2 and the test has power
        const outputBias = raw['psi.b1'] ? 'psi.b1' : 'psi.b0';
        const sample = center
          ? Array.from(
              tf.tidy(() =>
                rlcScores(raw, config, tf.tensor2d([x]), 2001, createRng(streamSeed(seed, 'median-scores'))).dataSync(),
              ),
            ).sort((a, b) => a - b)
          : [];
        const params = center ? { ...raw, [outputBias]: tf.add(raw[outputBias], sample[1000]) } : raw;
        const rates: [number, number] = [
          positiveRate(params, config, x, draws, streamSeed(seed, 'rates-x')),
          positiveRate(params, config, gx, draws, streamSeed(seed, 'rates-gx')),
        ];
        if (center) params[outputBias].dispose();
        rows.push({ name, z: zStatistic(rates[0], rates[1], draws), rates });
      };
      // sets: reverse the order
      const setConfig: RlcConfig = { kind: 'set', noise: 1, hidden: 4, size: 7 };
      const setParams = initRlc(setConfig, { seed: seed });
      const set = Array.from(rng.normalArray(7));
      test('RSetC, reversed set', setConfig, setParams, set, [...set].reverse());
      // graphs: relabel nodes by a random permutation
      const n = 6;
      const graphConfig: RlcConfig = { kind: 'graph', noise: 1, hidden: 4, size: n };
      const graphParams = initRlc(graphConfig, { seed: streamSeed(seed, 'graph-init') });
      const graph = connectivityTask({ n, count: 1, seed }).x;
      const perm = rng.shuffle(Array.from({ length: n }, (_, i) => i));
      const relabelled = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) relabelled[perm[i] * n + perm[j]] = graph[i * n + j];
      const upper = (a: Float64Array) => {
        const out: number[] = [];
        for (let i = 0; i < n; i++) for (let j = i; j < n; j++) out.push(a[i * n + j]);
        return out;
      };
      test('RGraphC, relabelled nodes', graphConfig, graphParams, upper(graph), upper(relabelled));
      // spheres: a random rotation
      const d = 5;
      const sphereConfig: RlcConfig = { kind: 'sphere', noise: 1, hidden: 4, size: d };
      const sphereParams = initRlc(sphereConfig, { seed: streamSeed(seed, 'sphere-init') });
      const point = Array.from(rng.normalArray(d));
      const rotation = randomRotation(d, streamSeed(seed, 'rotation'));
      test(
        'RSphereC, rotated point',
        sphereConfig,
        sphereParams,
        point,
        rotation.map((row) => row.reduce((s, value, j) => s + value * point[j], 0)),
      );
      // a deliberately non-invariant generic RLC: a ≈ e1, so it reads the first coordinate
      const genericConfig: RlcConfig = { kind: 'generic', noise: 1, hidden: 0, size: 7 };
      const generic = initRlc(genericConfig, { seed: streamSeed(seed, 'generic-init') });
      const biased = {
        ...generic,
        'phi.w0': tf.mul(generic['phi.w0'], 0.01),
        'phi.b0': tf.tensor1d([1, 0, 0, 0, 0, 0, 0, 0]),
      };
      const ordered = [1, ...Array.from({ length: 6 }, () => -0.1)];
      test('generic RLC (not invariant), reversed set', genericConfig, biased, ordered, [...ordered].reverse(), false);
      tf.dispose([
        ...Object.values(setParams),
        ...Object.values(graphParams),
        ...Object.values(sphereParams),
        ...Object.values(generic),
        biased['phi.w0'],
        biased['phi.b0'],
      ]);
      const invariant = rows.slice(0, 3);
      const pass = invariant.every((r) => Math.abs(r.z) < critical) && Math.abs(rows[3].z) > critical;
      return {
        pass,
        measured: rows
          .map((r) => `${r.name}: P(+1) ${r.rates[0].toFixed(4)} vs ${r.rates[1].toFixed(4)}, z ${r.z.toFixed(2)}`)
          .join('; '),
        expected: `|z| < ${critical} for the three invariant RLCs, |z| > ${critical} for the generic one`,
        details: { draws, rows },
      };
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
