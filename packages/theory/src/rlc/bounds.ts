import { requirePositiveIntegers } from '@sgn/tensor';

function checkVotes(m: number): void {
  requirePositiveIntegers({ m });
}

/**
 * The terms t_k = C(m, k) p^k (1-p)^(m-k) relative to the mode's, for 0 < p < 1, by their ratio
 * t_{k+1}/t_k = (m-k)/(k+1) · p/(1-p), outwards from the mode until they fall below 1e-300 of it (the rest stay 0):
 * linear in m, and no log-binomial whose rounding grows with m. `order` lists the k with a term, in the order summed
 * into `total` (the mode, up, then down), so that a sum over any of them in that order is exact against `total`.
 */
function binomialTerms(m: number, p: number): { terms: Float64Array; total: number; order: number[] } {
  const terms = new Float64Array(m + 1);
  const odds = p / (1 - p);
  const mode = Math.min(m, Math.floor((m + 1) * p));
  terms[mode] = 1;
  const order = [mode];
  for (let [k, term] = [mode, 1]; k < m; k++) {
    term *= ((m - k) / (k + 1)) * odds;
    if (term < 1e-300) break;
    terms[k + 1] = term;
    order.push(k + 1);
  }
  for (let [k, term] = [mode, 1]; k > 0; k--) {
    term /= ((m - k + 1) / k) * odds;
    if (term < 1e-300) break;
    terms[k - 1] = term;
    order.push(k - 1);
  }
  const total = order.reduce((sum, k) => sum + terms[k], 0);
  return { terms, total, order };
}

function checkProbability(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new Error(`p must be in [0, 1], got ${p}`);
}

/**
 * The binomial distribution of the right votes among m independent votes, each right with probability p:
 * P(k) = C(m, k) p^k (1-p)^{m-k} for k = 0..m. Terms below 1e-300 of the mode's are 0.
 *
 * @param m - number of votes
 * @param p - probability a single vote is right, in [0, 1]
 * @returns P(0), ..., P(m)
 * @example
 * ```ts
 * binomialPmf(3, 0.3); // [0.343, 0.441, 0.189, 0.027]
 * ```
 * @see Cotta et al., NeurIPS 2023 (majority vote over m random classifiers)
 */
export function binomialPmf(m: number, p: number): Float64Array {
  checkVotes(m);
  checkProbability(p);
  if (p === 0 || p === 1) {
    const point = new Float64Array(m + 1);
    point[p === 0 ? 0 : m] = 1;
    return point;
  }
  const { terms, total } = binomialTerms(m, p);
  return terms.map((term) => term / total);
}

/**
 * The exact probability that a strict majority of m independent votes is right when each vote is right with
 * probability p: Σ_{k > m/2} C(m, k) p^k (1-p)^{m-k} (a tie, possible for even m, counts as wrong).
 *
 * @param m - number of votes
 * @param p - probability a single vote is right, in [0, 1]
 * @returns the probability
 * @see Cotta et al., NeurIPS 2023 (majority vote over m random classifiers)
 */
export function majorityCorrectProbability(m: number, p: number): number {
  checkVotes(m);
  checkProbability(p);
  if (p === 0) return 0;
  if (p === 1) return 1;
  const { terms, total, order } = binomialTerms(m, p);
  const first = Math.floor(m / 2) + 1;
  return order.reduce((sum, k) => (k >= first ? sum + terms[k] : sum), 0) / total;
}

/**
 * Hoeffding's bound on the majority's error: P(wrong) <= exp(-m γ²/2), γ = 2p - 1 the margin.
 *
 * @see Cotta et al., NeurIPS 2023 (its constants are reconstructed: see the docs' RLC page)
 */
export function hoeffdingBound(m: number, gamma: number): number {
  checkVotes(m);
  return Math.exp((-m * gamma * gamma) / 2);
}

/**
 * The m that makes the Hoeffding bound at most δ: ⌈2 ln(1/δ)/γ²⌉ (rounded up to odd, so no ties).
 *
 * @param gamma - the margin in (0, 1]
 * @param delta - the allowed error in (0, 1)
 */
export function votesNeeded(gamma: number, delta: number): number {
  if (!(gamma > 0 && gamma <= 1)) throw new Error(`gamma must be in (0, 1], got ${gamma}`);
  if (!(delta > 0 && delta < 1)) throw new Error(`delta must be in (0, 1), got ${delta}`);
  const m = Math.ceil((2 * Math.log(1 / delta)) / (gamma * gamma));
  return m % 2 === 1 ? m : m + 1;
}
