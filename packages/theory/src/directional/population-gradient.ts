import type { RadialLaw } from '@sgn/data';
import { gaussLegendre, gradedRule } from './quadrature.js';

/** The Gauss–Legendre rule of every panel. */
const PANEL = gaussLegendre(12);

/**
 * The radius R = ‖P x‖ of the law's 2-D marginal as normalized weighted nodes: Σ w_k h(r_k) ≈ E h(R). Each radial
 * density is written over a finite interval where it is smooth, integrated with 24 Gauss–Legendre panels (12
 * nodes each), and the weights normalized to sum to 1:
 * - Gaussian (any d): density r e^{-r²/2} on [0, 14];
 * - sphere S^{d-1}: R = 1 at d = 2; r = sin ψ with density ∝ sin ψ cos^{d-3} ψ on [0, π/2] for d >= 3;
 * - ball: r = sin ψ, density ∝ sin ψ cos^{d-1} ψ;
 * - Student-t (ν): the bivariate t, r = √ν tan ψ, density ∝ sin ψ cos^{ν-1} ψ on [0, π/2).
 *
 * `levels` halves the first panel towards R = 0 that many times (for integrands that change on a scale 1/‖w‖
 * there, as the logistic weight does at large ‖w‖).
 */
export function radialNodes(
  law: RadialLaw,
  d: number,
  levels = 0,
): { radii: Float64Array; weights: Float64Array; firstPanel: number } {
  if (law.kind === 'sphere' && d === 2)
    return { radii: Float64Array.of(1), weights: Float64Array.of(1), firstPanel: Number.POSITIVE_INFINITY };
  let interval: [number, number];
  let radius: (s: number) => number;
  let density: (s: number) => number;
  if (law.kind === 'gaussian') {
    interval = [0, 14];
    radius = (r) => r;
    density = (r) => r * Math.exp((-r * r) / 2);
  } else if (law.kind === 'sphere' || law.kind === 'ball') {
    const power = law.kind === 'sphere' ? d - 3 : d - 1;
    interval = [0, Math.PI / 2];
    radius = Math.sin;
    density = (psi) => Math.sin(psi) * Math.cos(psi) ** power;
  } else if (law.kind === 'student-t') {
    interval = [0, Math.PI / 2];
    radius = (psi) => Math.sqrt(law.nu) * Math.tan(psi);
    density = (psi) => Math.sin(psi) * Math.cos(psi) ** (law.nu - 1);
  } else {
    throw new Error(`law "${law.kind}" has no quadrature: use the sample estimator (sampleGradient)`);
  }
  const panels = 12;
  const radii: number[] = [];
  const weights: number[] = [];
  const width = (interval[1] - interval[0]) / panels;
  for (let p = 0; p < panels; p++) {
    const from = interval[0] + p * width;
    const rule = gradedRule(PANEL, from, from + width, p === 0 ? levels : 0);
    rule.nodes.forEach((s, k) => {
      radii.push(radius(s));
      weights.push(rule.weights[k] * density(s));
    });
  }
  const total = weights.reduce((a, b) => a + b, 0);
  return {
    radii: Float64Array.from(radii),
    weights: Float64Array.from(weights, (w) => w / total),
    firstPanel: radius(interval[0] + width),
  };
}

const unitRules = new Map<number, ReturnType<typeof gradedRule>>();

/**
 * The angular rule of a part with `levels` halvings, on [0, 1] from the zero of cos φ: its pieces are sized for the
 * decay rate 2^levels (the part's norm·R·length rounded up to the level), so the rule depends on the level alone.
 */
function unitRule(levels: number): ReturnType<typeof gradedRule> {
  let rule = unitRules.get(levels);
  if (!rule) unitRules.set(levels, (rule = gradedRule(PANEL, 0, 1, levels, 2 ** levels)));
  return rule;
}

/**
 * Halvings that bring a panel of `length` down to a width of at most 1/scale (0 when it already is), at most 60:
 * finer than 2^-60 of a panel is below float64's resolution, and a diverged run's ‖w‖ = ∞ must not ask for
 * infinitely many.
 */
function levelsFor(length: number, scale: number): number {
  return length * scale > 1 ? Math.min(60, Math.ceil(Math.log2(length * scale))) : 0;
}

const logistic = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
const softplus = (z: number) => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));

/** A population integrator for one law and dimension: gradient and loss of E ln(1 + exp(-y wᵀx)), y = sgn(vᵀx). */
export interface PopulationIntegrator {
  /** ∇L(w), exact up to quadrature error (relative error below 1e-9 up to ‖w‖ = 1e4, tested). */
  gradient(w: Float64Array, v: Float64Array): Float64Array;
  /** L(w). */
  loss(w: Float64Array, v: Float64Array): number;
}

/**
 * Exact population gradients for a spherically symmetric law in any dimension. By symmetry ∇L(w) lies in
 * span(w, v); in the orthonormal frame e1 = w/‖w‖, e2 ∝ v - (vᵀe1) e1, with (a, b) = (xᵀe1, xᵀe2) = R(cos φ, sin φ)
 * and θ the angle of w to v:
 *   ∇L = E[-y σ(-y‖w‖a) (a e1 + b e2)],  y = sgn(cos(φ - θ)),
 * a 2-D integral over the law's 2-D marginal: Gauss–Legendre in φ on the two half-circles where y is constant,
 * and {@link radialNodes} in R. The logistic weight σ(-y‖w‖a) changes on a scale 1/(‖w‖R) around a = 0 (φ = ±π/2)
 * and, in R, on a scale 1/‖w‖ near R = 0: each half-circle is split at its zero of cos φ and its panels halve
 * towards it, and the first radial panel towards 0, as many times as ‖w‖ asks (log₂ ‖w‖ levels), so the accuracy
 * holds at large ‖w‖ (the rates' late phase) and costs no more than needed at small ‖w‖.
 *
 * @param law - gaussian, sphere, ball or student-t
 * @param d - the dimension
 * @returns the integrator
 * @example
 * ```ts
 * const circle = populationIntegrator({ kind: 'sphere' }, 2);
 * circle.gradient(Float64Array.of(0.6, -0.8), Float64Array.of(0, 1));
 * ```
 * @see Lin, Sun & Zhang, NeurIPS 2021 (population loss; Lemma 1)
 */
export function populationIntegrator(law: RadialLaw, d: number): PopulationIntegrator {
  const base = radialNodes(law, d, 0);
  const radialByLevels = new Map([[0, base]]);
  const radial = (norm: number) => {
    const levels = Number.isFinite(base.firstPanel) ? levelsFor(base.firstPanel, norm) : 0;
    let nodes = radialByLevels.get(levels);
    if (!nodes) radialByLevels.set(levels, (nodes = radialNodes(law, d, levels)));
    return nodes;
  };
  const frame = (w: Float64Array, v: Float64Array) => {
    const norm = Math.hypot(...w);
    const e1 = norm > 0 ? w.map((value) => value / norm) : Float64Array.from(v);
    const cos = Math.max(
      -1,
      Math.min(
        1,
        e1.reduce((s, value, j) => s + value * v[j], 0),
      ),
    );
    const e2 = v.map((value, j) => value - cos * e1[j]);
    const e2Norm = Math.hypot(...e2);
    if (e2Norm > 1e-15) for (let j = 0; j < d; j++) e2[j] /= e2Norm;
    else e2.fill(0);
    return { norm, e1, e2, theta: Math.acos(cos) };
  };
  // over the 2-D marginal, E[-y σ(-y‖w‖a) a] and E[-y σ(-y‖w‖a) b] (the gradient's coordinates in the frame), or
  // E softplus(-y‖w‖a) (the loss) in the first, each node's term added in the same order; written out rather than
  // through a callback, which V8 did not inline (a third of the time went to the call)
  const integrate = (theta: number, norm: number, loss: boolean): [number, number] => {
    let first = 0;
    let second = 0;
    const { radii, weights } = radial(norm);
    for (const [start, y] of [
      [theta - Math.PI / 2, 1],
      [theta + Math.PI / 2, -1],
    ] as const) {
      // the zero of cos φ in [start, start + π]: the two parts on either side, panels halving towards it
      const zero = Math.PI / 2 + Math.PI * Math.ceil((start - Math.PI / 2) / Math.PI);
      for (const end of [start, start + Math.PI]) {
        const length = Math.abs(end - zero);
        if (length === 0) continue;
        const rules = new Map<number, { cos: Float64Array; sin: Float64Array; weight: Float64Array }>();
        for (let i = 0; i < radii.length; i++) {
          const levels = levelsFor(length, (norm * radii[i]) / 2);
          let rule = rules.get(levels);
          if (!rule) {
            // the level's rule on [0, 1] (cached: it depends on the level alone), stretched onto this part
            const unit = unitRule(levels);
            const direction = end >= zero ? length : -length;
            rule = {
              cos: unit.nodes.map((u) => Math.cos(zero + direction * u)),
              sin: unit.nodes.map((u) => Math.sin(zero + direction * u)),
              weight: unit.weights.map((value) => (value * length) / (2 * Math.PI)),
            };
            rules.set(levels, rule);
          }
          const r = radii[i];
          const count = rule.cos.length;
          if (loss) {
            for (let k = 0; k < count; k++)
              first += rule.weight[k] * weights[i] * softplus(-y * norm * (r * rule.cos[k]));
          } else {
            for (let k = 0; k < count; k++) {
              const a = r * rule.cos[k];
              const s = -y * logistic(-y * norm * a) * (rule.weight[k] * weights[i]);
              first += s * a;
              second += s * (r * rule.sin[k]);
            }
          }
        }
      }
    }
    return [first, second];
  };
  return {
    gradient(w, v) {
      const { norm, e1, e2, theta } = frame(w, v);
      const [g1, g2] = integrate(theta, norm, false);
      return e1.map((value, j) => g1 * value + g2 * e2[j]);
    },
    loss(w, v) {
      const { norm, theta } = frame(w, v);
      return integrate(theta, norm, true)[0];
    },
  };
}

/**
 * The fixed-sample gradient (1/n) Σ_i -y_i σ(-y_i wᵀx_i) x_i of the logistic loss.
 *
 * @param w - the predictor [d]
 * @param x - samples, row-major [n, d]
 * @param y - labels ±1 [n]
 * @returns the gradient [d]
 */
export function sampleGradient(w: Float64Array, x: Float64Array, y: Float64Array): Float64Array {
  const d = w.length;
  const n = y.length;
  const out = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    let margin = 0;
    for (let j = 0; j < d; j++) margin += w[j] * x[i * d + j];
    const scale = (-y[i] * logistic(-y[i] * margin)) / n;
    for (let j = 0; j < d; j++) out[j] += scale * x[i * d + j];
  }
  return out;
}

/** The fixed-sample logistic loss (1/n) Σ_i ln(1 + exp(-y_i wᵀx_i)). */
export function sampleLoss(w: Float64Array, x: Float64Array, y: Float64Array): number {
  const d = w.length;
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    let margin = 0;
    for (let j = 0; j < d; j++) margin += w[j] * x[i * d + j];
    total += softplus(-y[i] * margin);
  }
  return total / y.length;
}
