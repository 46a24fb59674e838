/**
 * The ramp's p* in closed form: on `rampPoints(e)` (@sgn/data) the two vertices of the one run of equal-curvature points
 * cost 2(1 + e)^p (2 knots, the sparsest) and 2e^p + 2^p (3 knots), so p* is the root in (0, 1) of
 * g(p) = 2(1 + e)^p - 2e^p - 2^p. At p = 0, g = -1 (2 knots cheaper) and at p = 1, g = 0 for every e; a root in
 * (0, 1) exists iff g > 0 just below 1, i.e. iff g'(1) = 2(1 + e) ln(1 + e) - 2e ln e - 2 ln 2 < 0 (e below about
 * 0.29); above that the sparsest interpolant is the minimizer for every p in (0, 1).
 *
 * @param e - the ramp parameter, > 0
 * @returns p*, to 1e-13, or null when the 2-knot vertex is cheaper for every p in (0, 1)
 * @see Nakhleh & Nowak, arXiv 2505.21791, Thm 3.2 and its vertex costs
 */
export function rampCriticalP(e: number): number | null {
  if (!(e > 0 && Number.isFinite(e))) throw new Error(`e must be a finite number > 0, got ${e}`);
  const g = (p: number) => 2 * (1 + e) ** p - 2 * e ** p - 2 ** p;
  const slopeAtOne = 2 * (1 + e) * Math.log(1 + e) - 2 * e * Math.log(e) - 2 * Math.log(2);
  if (slopeAtOne >= 0) return null;
  // g < 0 near 0 and g > 0 just below 1 (g(1) = 0 with a negative slope): the first sign change, by a scan and
  // bisection (g is a sum of three exponentials in p: it has at most two roots, one of them p = 1)
  let [low, high] = [0, 1 - 1e-9];
  for (let p = 1e-3; p < 1; p += 1e-3) {
    if (g(p) > 0) {
      high = p;
      break;
    }
    low = p;
  }
  for (let k = 0; k < 200 && high - low > 1e-14; k++) {
    const mid = (low + high) / 2;
    if (g(mid) > 0) high = mid;
    else low = mid;
  }
  return (low + high) / 2;
}
