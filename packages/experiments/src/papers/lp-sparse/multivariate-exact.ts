import { randomRegression } from '@sgn/data';
import { yieldToEventLoop } from '@sgn/optimizers';
import { streamSeed, tf, unitSeed } from '@sgn/tensor';
import {
  evaluatePathNetwork,
  multivariateCriticalP,
  multivariateLpMinimizer,
  multivariateLpVertices,
  type MultivariatePoints,
} from '@sgn/theory';
import type { Preset, TheoryCheck } from '../../harness/check.js';

/**
 * The small random instances (N points in d dimensions, x and y uniform in [-1, 1] as experiment (b)) the
 * multivariate check enumerates exactly, per preset: [N, d, how many]. N = 4 in d = 2 is the one with N > d + 1.
 */
export const MULTIVARIATE_INSTANCES: Record<Preset, [number, number, number][]> = {
  quick: [
    [3, 2, 3],
    [2, 3, 3],
    [3, 3, 2],
    [4, 2, 1],
  ],
  paper: [
    [3, 2, 8],
    [2, 3, 8],
    [3, 3, 6],
    [4, 2, 3],
  ],
};

/** The exponents at which each instance's exact minimizer is read. */
const EXPONENTS = [0.1, 0.4, 0.7, 1];

/** Prop. 4.1's bound on the ℓ0 optimum in general position: 2N when N <= d + 1, 8(N + 1) otherwise. */
export function l0Bound(n: number, d: number): number {
  return n <= d + 1 ? 2 * n : 8 * (n + 1);
}

/** One instance's measurements. */
interface InstanceResult {
  n: number;
  d: number;
  vertices: number;
  l0: number;
  pStar: number | null;
  bound: number;
  /** Largest |f(x_i) - y_i| over every vertex network. */
  worstError: number;
  /** Neurons and nonzeros of the minimizer at each exponent. */
  minimizers: { p: number; neurons: number; nonzeros: number; cost: number }[];
  /** Nonzeros of the minimizer at half of p* (at 0.5 when there is no p*): Theorem 4.1 says L_0. */
  nonzerosBelowPStar: number;
}

function measure(points: MultivariatePoints): InstanceResult {
  const n = points.y.length;
  const d = points.x[0].length;
  const { vertices } = multivariateLpVertices(points);
  const critical = multivariateCriticalP(points, vertices);
  let worstError = 0;
  for (const vertex of vertices) {
    points.x.forEach((xi, i) => {
      worstError = Math.max(worstError, Math.abs(evaluatePathNetwork(vertex.neurons, xi) - points.y[i]));
    });
  }
  const minimizers = EXPONENTS.map((p) => {
    const f = multivariateLpMinimizer(points, p, vertices);
    return { p, neurons: f.neurons.length, nonzeros: f.nonzeros, cost: f.cost };
  });
  const below = critical.pStar === null ? 0.5 : critical.pStar / 2;
  return {
    n,
    d,
    vertices: vertices.length,
    l0: critical.l0,
    pStar: critical.pStar,
    bound: critical.bound,
    worstError,
    minimizers,
    nonzerosBelowPStar: multivariateLpMinimizer(points, below, vertices).nonzeros,
  };
}

/** The instance `index` of a size, drawn by `randomRegression` from its own seed (split from the check's). */
function instance(n: number, d: number, seed: number): MultivariatePoints {
  const data = randomRegression({ n, d, seed });
  try {
    return { x: data.x.arraySync(), y: data.y.arraySync() };
  } finally {
    tf.dispose([data.x, data.y]);
  }
}

/**
 * Lemma 4.1, Proposition 4.1 and Theorem 4.1 measured on small random data sets with d >= 2, by exact enumeration
 * of the vertex networks.
 */
export const multivariateExactCheck: TheoryCheck = {
  id: 'lp.multivariate-exact',
  paper: 'Nakhleh & Nowak, arXiv 2505.21791',
  claim:
    'Small random data sets in d = 2-3 (exact enumeration of Lemma 4.1): every vertex network interpolates; the ℓp minimizers have at most N neurons and the ℓ0 optimum at most 2N nonzeros when N <= d + 1 (Prop. 4.1); below p* the ℓp minimizer is ℓ0-optimal, and p* >= ln(1 + 1/L_0)/ln(R/r) (Thm 4.1)',
  async run({ preset, seed, signal }) {
    const results: InstanceResult[] = [];
    let index = 0;
    const seeds = streamSeed(seed, 'lp-multivariate-exact');
    for (const [n, d, count] of MULTIVARIATE_INSTANCES[preset]) {
      for (let i = 0; i < count; i++) {
        if (signal?.aborted) break;
        results.push(measure(instance(n, d, unitSeed(seeds, index++))));
        await yieldToEventLoop();
      }
    }
    const worstError = Math.max(...results.map((r) => r.worstError));
    const failures = results.filter(
      (r) =>
        r.worstError >= 1e-9 ||
        r.minimizers.some((m) => m.neurons > r.n) ||
        r.l0 > l0Bound(r.n, r.d) ||
        r.nonzerosBelowPStar !== r.l0 ||
        (r.pStar !== null && r.bound > r.pStar),
    );
    const withPStar = results.filter((r) => r.pStar !== null);
    const belowPaperP = withPStar.filter((r) => (r.pStar as number) < 0.4).length;
    const describe = (r: InstanceResult) =>
      `N ${r.n} d ${r.d}: L0 ${r.l0}, p* ${r.pStar === null ? 'none' : r.pStar.toFixed(4)} (bound ${r.bound.toFixed(4)})`;
    return {
      pass: failures.length === 0 && results.length > 0,
      measured:
        `${results.length} instances, ${results.reduce((s, r) => s + r.vertices, 0)} vertex networks, worst interpolation error ${worstError.toExponential(1)}` +
        `; ${results.map(describe).join('; ')}` +
        `; p* < 1 in ${withPStar.length} of ${results.length} (below the paper's p = 0.4 in ${belowPaperP}: there the p = 0.4 minimizer is not the sparsest)` +
        (failures.length > 0 ? `; FAILING: ${failures.map(describe).join('; ')}` : ''),
      expected:
        'every vertex interpolates (< 1e-9); minimizers <= N neurons; L0 <= 2N (N <= d+1) or 8(N+1); at p*/2 the minimizer has L0 nonzeros; bound <= p*',
      details: { instances: MULTIVARIATE_INSTANCES[preset], results },
    };
  },
};
