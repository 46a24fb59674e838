/**
 * The Kolmogorov distribution's survival function Q(λ) = P(K > λ) = 2 Σ_{j>=1} (-1)^{j-1} e^{-2 j² λ²}, the limit
 * law of √n_e · D for the two-sample Kolmogorov–Smirnov statistic D. For λ < 1.18 the alternating series converges
 * slowly, and the theta-function form 1 - (√(2π)/λ) Σ_{j>=1} e^{-(2j-1)² π² / (8 λ²)} is used instead.
 *
 * @param lambda - the scaled statistic, >= 0
 * @returns P(K > λ), in [0, 1]
 * @see Kolmogorov (1933); Marsaglia, Tsang & Wang, J. Stat. Softw. 8(18), 2003 (the two series)
 */
export function kolmogorovSurvival(lambda: number): number {
  if (!(lambda >= 0)) throw new Error(`lambda must be a number >= 0, got ${lambda}`);
  if (lambda === 0) return 1;
  if (lambda < 1.18) {
    let sum = 0;
    for (let j = 1; j <= 20; j++) sum += Math.exp((-((2 * j - 1) ** 2) * Math.PI ** 2) / (8 * lambda * lambda));
    return Math.min(1, Math.max(0, 1 - (Math.sqrt(2 * Math.PI) / lambda) * sum));
  }
  let sum = 0;
  for (let j = 1; j <= 100; j++) {
    const term = Math.exp(-2 * j * j * lambda * lambda);
    sum += j % 2 === 1 ? term : -term;
    if (term < 1e-17 * sum) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/**
 * The two-sample Kolmogorov–Smirnov test: D = sup_t |F_a(t) - F_b(t)| over the two empirical distribution functions,
 * and its p-value Q((√n_e + 0.12 + 0.11/√n_e) D) with n_e = n_a n_b / (n_a + n_b) (Stephens' finite-sample
 * correction). For continuous distributions (ties have probability 0).
 *
 * @param a - the first sample
 * @param b - the second sample
 * @returns the statistic D and its p-value
 * @see Stephens, J. R. Stat. Soc. B 32, 1970; Press et al., Numerical Recipes, 14.3
 */
export function ksTwoSample(a: ArrayLike<number>, b: ArrayLike<number>): { statistic: number; pValue: number } {
  if (a.length < 1 || b.length < 1) throw new Error(`both samples must be non-empty, got ${a.length} and ${b.length}`);
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  let [i, j, statistic] = [0, 0, 0];
  while (i < x.length && j < y.length) {
    const t = Math.min(x[i], y[j]);
    while (i < x.length && x[i] === t) i++;
    while (j < y.length && y[j] === t) j++;
    statistic = Math.max(statistic, Math.abs(i / x.length - j / y.length));
  }
  const ne = (x.length * y.length) / (x.length + y.length);
  const root = Math.sqrt(ne);
  return { statistic, pValue: kolmogorovSurvival((root + 0.12 + 0.11 / root) * statistic) };
}

/**
 * Fisher's combination of K independent p-values: X = -2 Σ ln p_k is χ² with 2K degrees of freedom under the joint
 * null, whose survival function at even degrees is e^{-X/2} Σ_{i<K} (X/2)^i / i!.
 *
 * @param pValues - the p-values, each in (0, 1]
 * @returns the combined p-value
 * @see Fisher, Statistical Methods for Research Workers, 1932, §21.1
 */
export function fisherCombined(pValues: readonly number[]): number {
  if (pValues.length < 1) throw new Error('pValues must hold at least one p-value, got none');
  let half = 0;
  for (const p of pValues) {
    if (!(p >= 0 && p <= 1)) throw new Error(`each p-value must be in [0, 1], got ${p}`);
    if (p === 0) return 0;
    half -= Math.log(p);
  }
  // e^{-h} Σ_{i<K} h^i / i!, summed in logs of its terms so that a large h does not overflow h^i
  let [term, total] = [-half, Math.exp(-half)];
  for (let i = 1; i < pValues.length; i++) {
    term += Math.log(half) - Math.log(i);
    total += Math.exp(term);
  }
  return Math.min(1, total);
}
