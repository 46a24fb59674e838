/**
 * Depth 2, gradient flow, balanced init: tan(θ(t)/2) = tan(θ₀/2) e^{-c₀ t/π}, returned as log tan(θ/2).
 *
 * @param theta0 - initial angle to v
 * @param c0 - E‖P x‖ of the law
 * @param t - time η·n
 * @returns log tan(θ(t)/2)
 * @see Lin, Sun & Zhang, NeurIPS 2021, Lemma 3 at N = 2 (derived on the docs' directional page)
 */
export function depth2LogTanHalf(theta0: number, c0: number, t: number): number {
  return Math.log(Math.tan(theta0 / 2)) - (c0 * t) / Math.PI;
}

/**
 * Lemma 3 (gradient flow, balanced init, any depth N): the angle's rate d/dt ln tan(θ/2) = -(c₀/π)‖w_e‖^{1-2/N}
 * at end-to-end norm ‖w_e‖: -(c₀/π)/‖w‖ for the linear predictor, -c₀/π at depth 2 whatever the norm, faster with
 * the norm for N >= 3.
 *
 * @param c0 - E‖P x‖ of the law
 * @param norm - ‖w_e‖, the end-to-end vector's norm
 * @param depth - N >= 1
 * @returns d/dt ln tan(θ/2)
 * @example
 * ```ts
 * depthNLogTanHalfRate(1, 16, 4); // -4/π on the circle at ‖w_e‖ = 16
 * ```
 * @see Lin, Sun & Zhang, NeurIPS 2021, Lemma 3
 */
export function depthNLogTanHalfRate(c0: number, norm: number, depth: number): number {
  if (!(Number.isInteger(depth) && depth >= 1)) throw new Error(`depth must be an integer >= 1, got ${depth}`);
  if (!(norm > 0)) throw new Error(`norm must be > 0, got ${norm}`);
  return -(c0 / Math.PI) * norm ** (1 - 2 / depth);
}

/**
 * Theorem 1 (depth 1, gradient flow) lower bound on cos θ for t <= T: 1 - 2/(e^{A₁t + B₁} + 1) with
 * A₁ = 2c₀/(π‖w(0)‖), B₁ = -2 ln|tan(θ₀/2)|.
 *
 * @see Lin, Sun & Zhang, NeurIPS 2021, Theorem 1
 */
export function theorem1EarlyCosBound(theta0: number, norm0: number, c0: number, t: number): number {
  const a1 = (2 * c0) / (Math.PI * norm0);
  const b1 = -2 * Math.log(Math.abs(Math.tan(theta0 / 2)));
  return 1 - 2 / (Math.exp(a1 * t + b1) + 1);
}

/**
 * Theorem 5 (depth N > 2, gradient flow) lower bound on cos θ in the polynomial phase, with the derived
 * exponent α = 2/(π(N-2)) instead of the printed 2c₀/π (doubtful: see the docs' directional page):
 * 1 - 2/(C₁(A₁t/B₁ + 1)^α + 1), A₁ = (N-2)c₀, B₁ = ‖w_e(0)‖^{2/N-1}, C₁ = (1+cos θ₀)/(1-cos θ₀).
 *
 * @see Lin, Sun & Zhang, NeurIPS 2021, Theorem 5 and the correction on the docs' directional page
 */
export function theorem5PolynomialCosBound(
  theta0: number,
  norm0: number,
  c0: number,
  depth: number,
  t: number,
): number {
  const a1 = (depth - 2) * c0;
  const b1 = norm0 ** (2 / depth - 1);
  const c1 = (1 + Math.cos(theta0)) / (1 - Math.cos(theta0));
  const alpha = 2 / (Math.PI * (depth - 2));
  return 1 - 2 / (c1 * ((a1 * t) / b1 + 1) ** alpha + 1);
}

/**
 * The least-squares slope of log tan(θ/2) against t over a window: the measured directional rate.
 *
 * @param t - times
 * @param logTanHalf - log tan(θ/2) at those times
 * @param from - window start (inclusive)
 * @param to - window end (inclusive)
 * @returns the slope (negative while the angle shrinks)
 */
export function fitRate(t: readonly number[], logTanHalf: readonly number[], from: number, to: number): number {
  const idx = t.map((_, i) => i).filter((i) => t[i] >= from && t[i] <= to && Number.isFinite(logTanHalf[i]));
  if (idx.length < 2) throw new Error(`the window [${from}, ${to}] holds ${idx.length} finite points; need at least 2`);
  const mt = idx.reduce((s, i) => s + t[i], 0) / idx.length;
  const my = idx.reduce((s, i) => s + logTanHalf[i], 0) / idx.length;
  let num = 0;
  let den = 0;
  for (const i of idx) {
    num += (t[i] - mt) * (logTanHalf[i] - my);
    den += (t[i] - mt) ** 2;
  }
  return num / den;
}

/**
 * Theorem 1 (depth 1, gradient flow) lower bound on cos θ after T, the time ‖w‖ is smallest:
 * 1 - 2/(e^{A₂√(t - T + C₂) + B₂} + 1) with A₂ = 4c₀/(π√0.6), B₂ = -2 ln|tan(θ_T/2)| - 4c₀‖w(T)‖/(0.6π),
 * C₂ = ‖w(T)‖²/0.6 (0.6 bounds d‖w‖²/dt). It equals cos θ_T at t = T; the rate is exp(-Ω(√t)).
 *
 * @param thetaT - the angle at T
 * @param normT - ‖w(T)‖
 * @param c0 - E‖P x‖ of the law
 * @param t - time, >= T
 * @param T - the end of the first phase
 * @see Lin, Sun & Zhang, NeurIPS 2021, Theorem 1 (t > T)
 */
export function theorem1LateCosBound(thetaT: number, normT: number, c0: number, t: number, T: number): number {
  const a2 = (4 * c0) / (Math.PI * Math.sqrt(0.6));
  const b2 = -2 * Math.log(Math.abs(Math.tan(thetaT / 2))) - (4 * c0 * normT) / (0.6 * Math.PI);
  const c2 = (normT * normT) / 0.6;
  return 1 - 2 / (Math.exp(a2 * Math.sqrt(t - T + c2) + b2) + 1);
}

/**
 * Theorem 5 (depth N > 2, gradient flow) lower bound on cos θ in the linear phase after T:
 * 1 - 2/(e^{A₂(t - T) + B₂} + 1), B₂ = -2 ln|tan(θ_T/2)|, with A₂ = 2c₀‖w_e(T)‖^{1-2/N}/π: the exponent Lemma 3
 * gives (the text prints 2 - 2/N, read here as a typo). ‖w_e‖ grows after T, so the rate at T bounds it.
 *
 * @see Lin, Sun & Zhang, NeurIPS 2021, Theorem 5 (t >= T) and the correction on the docs' directional page
 */
export function theorem5LinearCosBound(
  thetaT: number,
  normT: number,
  c0: number,
  depth: number,
  t: number,
  T: number,
): number {
  const a2 = (2 * c0 * normT ** (1 - 2 / depth)) / Math.PI;
  const b2 = -2 * Math.log(Math.abs(Math.tan(thetaT / 2)));
  return 1 - 2 / (Math.exp(a2 * (t - T) + b2) + 1);
}

/**
 * Theorem 5's upper bound on cos θ (depth N > 2, gradient flow, any t): 1 - 2/(e^{F[(0.6t + D)^{N/2} - D^{N/2}] + E}
 * + 1) with D = ‖w_e(0)‖^{2/N}, E = -2 ln|tan(θ₀/2)|, F = 4c₀/(0.6Nπ) (the norm grows at most as Lemma 4 allows).
 *
 * @see Lin, Sun & Zhang, NeurIPS 2021, Theorem 5
 */
export function theorem5UpperCosBound(theta0: number, norm0: number, c0: number, depth: number, t: number): number {
  const d = norm0 ** (2 / depth);
  const e = -2 * Math.log(Math.abs(Math.tan(theta0 / 2)));
  const f = (4 * c0) / (0.6 * depth * Math.PI);
  return 1 - 2 / (Math.exp(f * ((0.6 * t + d) ** (depth / 2) - d ** (depth / 2)) + e) + 1);
}

/**
 * The flow's lower bound on cos θ at any t of a run at depth 1 or N > 2: the first phase's bound up to T (Theorem 1
 * early, Theorem 5 polynomial, from θ₀ and ‖w_e(0)‖), the second phase's after it (Theorem 1 late, Theorem 5
 * linear, from the angle and norm at T). Depth 2 has its closed form instead ({@link depth2LogTanHalf}).
 *
 * @param start - θ₀ and ‖w_e(0)‖
 * @param end - T, and the angle and norm there
 * @param c0 - E‖P x‖ of the law
 * @param depth - 1 or N > 2
 * @param t - time
 * @see Lin, Sun & Zhang, NeurIPS 2021, Theorems 1 and 5
 */
export function flowCosLowerBound(
  start: { theta: number; norm: number },
  end: { t: number; theta: number; norm: number },
  c0: number,
  depth: number,
  t: number,
): number {
  if (depth === 1)
    return t <= end.t
      ? theorem1EarlyCosBound(start.theta, start.norm, c0, t)
      : theorem1LateCosBound(end.theta, end.norm, c0, t, end.t);
  if (!(Number.isInteger(depth) && depth > 2))
    throw new Error(`depth must be 1 or an integer > 2 (depth 2 has a closed form), got ${depth}`);
  return t <= end.t
    ? theorem5PolynomialCosBound(start.theta, start.norm, c0, depth, t)
    : theorem5LinearCosBound(end.theta, end.norm, c0, depth, t, end.t);
}
