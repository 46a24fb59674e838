import { requirePositiveIntegers } from '@sgn/tensor';

function checkVotes(m: number): void {
  requirePositiveIntegers({ m });
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
  if (!(p >= 0 && p <= 1)) throw new Error(`p must be in [0, 1], got ${p}`);
  if (p === 0) return 0;
  if (p === 1) return 1;
  // the terms t_k = C(m, k) p^k (1-p)^(m-k) relative to the mode's, by their ratio t_{k+1}/t_k = (m-k)/(k+1) · p/(1-p),
  // outwards from the mode until they fall below 1e-300 of it: linear in m, and no log-binomial whose rounding
  // grows with m; P = Σ_{k > m/2} t_k / Σ_k t_k
  const first = Math.floor(m / 2) + 1;
  const odds = p / (1 - p);
  const mode = Math.min(m, Math.floor((m + 1) * p));
  let [total, above] = [1, mode >= first ? 1 : 0];
  for (let [k, term] = [mode, 1]; k < m; k++) {
    term *= ((m - k) / (k + 1)) * odds;
    if (term < 1e-300) break;
    total += term;
    if (k + 1 >= first) above += term;
  }
  for (let [k, term] = [mode, 1]; k > 0; k--) {
    term /= ((m - k + 1) / k) * odds;
    if (term < 1e-300) break;
    total += term;
    if (k - 1 >= first) above += term;
  }
  return above / total;
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
