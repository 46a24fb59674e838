/** Nodes and weights of an n-point rule. */
export interface QuadratureRule {
  nodes: Float64Array;
  weights: Float64Array;
}

/**
 * Gauss–Legendre nodes and weights on [-1, 1] (Newton on P_n from Chebyshev guesses), exact for polynomials of
 * degree 2n - 1.
 */
export function gaussLegendre(n: number): QuadratureRule {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      let p0 = 1;
      let p1 = z;
      for (let k = 2; k <= n; k++) [p0, p1] = [p1, ((2 * k - 1) * z * p1 - (k - 1) * p0) / k];
      derivative = (n * (z * p1 - p0)) / (z * z - 1);
      const step = p1 / derivative;
      z -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    nodes[i] = z;
    weights[i] = 2 / ((1 - z * z) * derivative * derivative);
  }
  return { nodes, weights };
}

/**
 * Gauss–Laguerre nodes and weights for ∫_0^∞ e^{-t} f(t) dt (Newton on L_n, initial guesses of Numerical Recipes'
 * gaulag).
 */
export function gaussLaguerre(n: number): QuadratureRule {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  let z = 0;
  for (let i = 0; i < n; i++) {
    if (i === 0) z = 3 / (1 + 2.4 * n);
    else if (i === 1) z += 15 / (1 + 2.5 * n);
    else z += ((1 + 2.55 * (i - 1)) / (1.9 * (i - 1))) * (z - nodes[i - 2]);
    let p1 = 0;
    let p2 = 0;
    for (let iteration = 0; iteration < 200; iteration++) {
      p1 = 1;
      p2 = 0;
      for (let k = 1; k <= n; k++) {
        const p3 = p2;
        p2 = p1;
        p1 = ((2 * k - 1 - z) * p2 - (k - 1) * p3) / k;
      }
      const derivative = (n * (p1 - p2)) / z;
      const step = p1 / derivative;
      z -= step;
      if (Math.abs(step) <= 1e-15 * Math.max(1, z)) break;
    }
    nodes[i] = z;
    // w_i = -1 / (L'_n(z) n L_{n-1}(z)) with L'_n = n (L_n - L_{n-1}) / z
    weights[i] = -1 / (((n * (p1 - p2)) / z) * n * p2);
  }
  return { nodes, weights };
}

/**
 * Composite Gauss–Legendre from `at` to `other` (either order) with panels halving in width towards `at`, `levels`
 * times: for integrands with a feature of width ~ |other - at|/2^levels at `at`. With `scale` (the integrand decays
 * like e^{-scale·distance} away from `at`), panels whose near edge lies within 40/scale of `at` are cut into
 * pieces at most 4/scale wide, where a single wide panel would not resolve the decay. Weights are positive.
 *
 * @param rule - the rule on [-1, 1] used on every panel
 * @param at - the end where the panels shrink
 * @param other - the other end
 * @param levels - the number of halvings (0: one panel)
 * @param scale - the decay rate away from `at` (default 0: no pieces)
 * @returns the nodes and weights, the panel touching `at` first
 */
export function gradedRule(rule: QuadratureRule, at: number, other: number, levels: number, scale = 0): QuadratureRule {
  const length = Math.abs(other - at);
  const direction = other >= at ? 1 : -1;
  const n = rule.nodes.length;
  const nodes: number[] = [];
  const weights: number[] = [];
  // panel 0: [0, length/2^levels] from `at`; panel p > 0: [length/2^(levels-p+1), length/2^(levels-p)]
  for (let p = 0; p <= levels; p++) {
    const hi = length / 2 ** (levels - p);
    const lo = p === 0 ? 0 : hi / 2;
    const pieces = lo * scale < 40 ? Math.max(1, Math.ceil(((hi - lo) * scale) / 8)) : 1;
    const width = (hi - lo) / pieces;
    for (let q = 0; q < pieces; q++) {
      const from = lo + q * width;
      for (let k = 0; k < n; k++) {
        nodes.push(at + direction * (from + ((rule.nodes[k] + 1) / 2) * width));
        weights.push((rule.weights[k] / 2) * width);
      }
    }
  }
  return { nodes: Float64Array.from(nodes), weights: Float64Array.from(weights) };
}
