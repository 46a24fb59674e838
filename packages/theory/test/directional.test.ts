import { c0, sphericalData, type RadialLaw } from '@sgn/data';
import { expectClose } from '@sgn/tensor/testing';
import { describe, expect, it } from 'vitest';
import {
  gaussLaguerre,
  gaussLegendre,
  populationIntegrator,
  sampleGradient,
  depthNLogTanHalfRate,
  flowCosLowerBound,
  theorem1EarlyCosBound,
  theorem1LateCosBound,
  theorem5LinearCosBound,
  theorem5UpperCosBound,
  theorem5PolynomialCosBound,
} from '../src/index.js';

describe('quadrature rules', () => {
  it('Gauss–Legendre integrates x^10 on [-1, 1] to 2/11; Gauss–Laguerre gives ∫ t^5 e^-t = 120', () => {
    const gl = gaussLegendre(8);
    expectClose([gl.nodes.reduce((s, z, i) => s + gl.weights[i] * z ** 10, 0)], [2 / 11], { atol: 1e-14 });
    const lag = gaussLaguerre(20);
    expectClose([lag.nodes.reduce((s, z, i) => s + lag.weights[i] * z ** 5, 0)], [120], { rtol: 1e-12 });
  });
});

describe('c0 and population gradients', () => {
  it('c0: circle 1, Gaussian sqrt(pi/2), sphere S^2 pi/4, ball in R^2 2/3; Monte Carlo agrees within 4 SE', () => {
    expectClose([c0({ kind: 'sphere' }, 2).value, c0({ kind: 'gaussian' }, 7).value], [1, Math.sqrt(Math.PI / 2)], {
      atol: 1e-12,
    });
    // E sqrt(B), B ~ Beta(1, 1/2): Γ(3/2)Γ(3/2)/Γ(2) = π/4
    expectClose([c0({ kind: 'sphere' }, 3).value, c0({ kind: 'ball' }, 2).value], [Math.PI / 4, 2 / 3], {
      atol: 1e-12,
    });
    // large d, where Γ(d/2) overflows: Γ(x)/Γ(x + 1/2) = x^(-1/2) (1 + 1/(8x) + 1/(128x²) - 5/(1024x³) + ...), x = d/2
    const series = (d: number) => {
      const x = d / 2;
      return ((Math.sqrt(Math.PI) / 2) * (1 + 1 / (8 * x) + 1 / (128 * x * x) - 5 / (1024 * x ** 3))) / Math.sqrt(x);
    };
    expectClose([c0({ kind: 'sphere' }, 400).value], [0.0627049], { atol: 1e-7 });
    expectClose(
      [c0({ kind: 'sphere' }, 400).value, c0({ kind: 'sphere' }, 10_000).value],
      [series(400), series(10_000)],
      {
        rtol: 1e-9,
      },
    );
    // Student-t needs ν > 2 for the covariance the paper's data model asks for
    expect(() => c0({ kind: 'student-t', nu: 2 }, 3)).toThrow(
      'student-t nu must be an integer >= 3 (a covariance needs nu > 2), got 2',
    );
    expect(c0({ kind: 'student-t', nu: 3 }, 3, { samples: 1000 }).value).toBeGreaterThan(0);
    const custom = c0({ kind: 'custom', name: 'unit', sampleRadius: () => 1 }, 3, { samples: 100_000 });
    expect(Math.abs(custom.value - Math.PI / 4)).toBeLessThan(4 * custom.standardError);
  });

  const laws: [string, RadialLaw, number][] = [
    ['circle', { kind: 'sphere' }, 2],
    ['Gaussian d = 5', { kind: 'gaussian' }, 5],
    ['sphere d = 4', { kind: 'sphere' }, 4],
    ['ball d = 3', { kind: 'ball' }, 3],
    ['Student-t ν = 5, d = 3', { kind: 'student-t', nu: 5 }, 3],
  ];
  it.each(laws)('Lemma 1 by quadrature (%s): -(v - (w̄ᵀv)w̄)ᵀ∇L = c0 sin²θ/π at any ‖w‖', (_, law, d) => {
    const integrator = populationIntegrator(law, d);
    const constant = law.kind === 'student-t' ? c0(law, d, { samples: 400_000 }) : c0(law, d);
    const v = Float64Array.from({ length: d }, (_, j) => (j === 1 ? 1 : 0));
    for (const [scale, theta] of [
      [0.3, 2.5],
      [1, 1],
      [4, 0.3],
    ]) {
      const w = Float64Array.from({ length: d }, (_, j) =>
        j === 0 ? scale * Math.sin(theta) : j === 1 ? scale * Math.cos(theta) : 0,
      );
      const g = integrator.gradient(w, v);
      const norm = Math.hypot(...w);
      const cos = w.reduce((s, value, j) => s + value * v[j], 0) / norm;
      const lhs = -v.reduce((s, value, j) => s + (value - (cos * w[j]) / norm) * g[j], 0);
      const tolerance = law.kind === 'student-t' ? 4 * constant.standardError + 1e-6 : 1e-9;
      expect(Math.abs(lhs - (constant.value * Math.sin(theta) ** 2) / Math.PI)).toBeLessThan(tolerance);
    }
  });

  it('the quadrature gradient matches a 200000-sample Monte Carlo estimate within 4 standard errors', () => {
    const d = 3;
    const law: RadialLaw = { kind: 'ball' };
    const v = [0, 1, 0];
    const w = Float64Array.of(0.5, -0.2, 0.3);
    const { x, y } = sphericalData({ law, d, n: 200_000, v, seed: 5 });
    const mc = sampleGradient(w, x, y);
    const exact = populationIntegrator(law, d).gradient(w, Float64Array.from(v));
    // per-coordinate spread of -yσ(.)x is at most E x_j² = 1/(d + 2) for the ball: SE <= sqrt(0.2 / n)
    for (let j = 0; j < d; j++) expect(Math.abs(mc[j] - exact[j])).toBeLessThan(4 * Math.sqrt(0.2 / 200_000));
  });
});

describe('the flow bounds by hand (values where every constant matters)', () => {
  it('Lemma 3: d/dt ln tan(θ/2) = -(c0/π)‖w_e‖^(1-2/N) (depth 1, 2, 4 at norms other than 1)', () => {
    // depth 1 at ‖w‖ = 4, c0 = π/2: -(1/2)/4; depth 2: -c0/π at any norm; depth 4 at ‖w_e‖ = 16: -(1/2)·4
    expectClose([depthNLogTanHalfRate(Math.PI / 2, 4, 1)], [-0.125], { atol: 1e-15 });
    expectClose([depthNLogTanHalfRate(Math.PI / 2, 9, 2), depthNLogTanHalfRate(Math.PI / 2, 0.1, 2)], [-0.5, -0.5], {
      atol: 1e-15,
    });
    expectClose([depthNLogTanHalfRate(Math.PI / 2, 16, 4)], [-2], { atol: 1e-14 });
    // depth 3 at ‖w_e‖ = 1/8: (1/8)^(1/3) = 1/2
    expectClose([depthNLogTanHalfRate(1, 0.125, 3)], [-0.5 / Math.PI], { atol: 1e-15 });
    expect(() => depthNLogTanHalfRate(1, 1, 0)).toThrow('depth must be an integer >= 1, got 0');
  });

  it('Theorem 1: 1 - 2/(e^{A1 t + B1} + 1), A1 = 2c0/(π‖w0‖), B1 = -2 ln|tan(θ0/2)|', () => {
    // tan(θ0/2) = 0.5, ‖w0‖ = 2, c0 = π: A1 = 1, B1 = 2 ln 2, so e^{A1 t + B1} = 4e^t
    const theta0 = 2 * Math.atan(0.5);
    expectClose([theorem1EarlyCosBound(theta0, 2, Math.PI, 1)], [1 - 2 / (4 * Math.E + 1)], { atol: 1e-14 });
    // at t = 0 the bound is cos θ0 itself: (1 - tan²)/(1 + tan²) = 0.75/1.25
    expectClose([theorem1EarlyCosBound(theta0, 2, Math.PI, 0)], [0.6], { atol: 1e-14 });
    // an obtuse start (tan(θ0/2) = 3, cos θ0 = -0.8), ‖w0‖ = 0.5, c0 = π/4: A1 = 1, e^{t + B1} = e^t/9
    expectClose([theorem1EarlyCosBound(2 * Math.atan(3), 0.5, Math.PI / 4, 2)], [1 - 2 / (Math.exp(2) / 9 + 1)], {
      atol: 1e-14,
    });
  });

  it('Theorem 1 late phase: A2 = 4c0/(π√0.6), B2 = -2 ln|tan(θT/2)| - 4c0‖w(T)‖/(0.6π), C2 = ‖w(T)‖²/0.6', () => {
    // c0 = π√0.6/4 makes A2 = 1; ‖w(T)‖ = √0.6 makes C2 = 1 and 4c0‖w(T)‖/(0.6π) = 1; tan(θT/2) = 0.5: B2 = 2 ln 2 - 1
    const c0 = (Math.PI * Math.sqrt(0.6)) / 4;
    const thetaT = 2 * Math.atan(0.5);
    // t - T = 3: A2 √4 + B2 = 2 + 2 ln 2 - 1 = 1 + 2 ln 2, e^{..} = 4e
    expectClose([theorem1LateCosBound(thetaT, Math.sqrt(0.6), c0, 5, 2)], [1 - 2 / (4 * Math.E + 1)], { atol: 1e-14 });
    // at t = T it is cos θT: (1 - 0.25)/(1 + 0.25)
    expectClose([theorem1LateCosBound(thetaT, Math.sqrt(0.6), c0, 2, 2)], [0.6], { atol: 1e-14 });
  });

  it('Theorem 5 linear phase (A2 = 2c0‖w_e(T)‖^(1-2/N)/π) and upper bound (D, E, F)', () => {
    // N = 4, ‖w_e(T)‖ = 4: 4^(1/2) = 2, c0 = π/4: A2 = 1; tan(θT/2) = 1/3: B2 = 2 ln 3; t - T = 2: e^{2 + 2 ln 3} = 9e²
    expectClose(
      [theorem5LinearCosBound(2 * Math.atan(1 / 3), 4, Math.PI / 4, 4, 7, 5)],
      [1 - 2 / (9 * Math.E ** 2 + 1)],
      {
        atol: 1e-14,
      },
    );
    // upper: N = 4, ‖w_e(0)‖ = 4: D = 2, F = 4c0/(2.4π) = 1/2.4 at c0 = π/4, θ0 = π/2 (E = 0); t = 5: (3 + 2)² - 2² = 21
    expectClose([theorem5UpperCosBound(Math.PI / 2, 4, Math.PI / 4, 4, 5)], [1 - 2 / (Math.exp(21 / 2.4) + 1)], {
      atol: 1e-14,
    });
    expectClose([theorem5UpperCosBound(Math.PI / 2, 4, Math.PI / 4, 4, 0)], [0], { atol: 1e-15 });
  });

  it('flowCosLowerBound: the first phase bound up to T, the second after it (the hand cases above, by phase)', () => {
    // depth 1 before T (tan(θ0/2) = 0.5, ‖w0‖ = 2, c0 = π): 1 - 2/(4e + 1) at t = 1
    const far = { t: 100, theta: 1, norm: 1 };
    expectClose(
      [flowCosLowerBound({ theta: 2 * Math.atan(0.5), norm: 2 }, far, Math.PI, 1, 1)],
      [1 - 2 / (4 * Math.E + 1)],
      {
        atol: 1e-14,
      },
    );
    // depth 1 after T = 2 (tan(θT/2) = 0.5, ‖w(T)‖ = √0.6, c0 = π√0.6/4): 1 - 2/(4e + 1) at t = 5
    const end1 = { t: 2, theta: 2 * Math.atan(0.5), norm: Math.sqrt(0.6) };
    expectClose(
      [flowCosLowerBound({ theta: 3, norm: 1 }, end1, (Math.PI * Math.sqrt(0.6)) / 4, 1, 5)],
      [1 - 2 / (4 * Math.E + 1)],
      {
        atol: 1e-14,
      },
    );
    // depth 4 before T (θ0 = π/3, ‖w0‖ = 4, c0 = 0.25, t = 3) and after T = 5 (tan(θT/2) = 1/3, ‖w_e(T)‖ = 4, c0 = π/4, t = 7)
    expectClose(
      [flowCosLowerBound({ theta: Math.PI / 3, norm: 4 }, far, 0.25, 4, 3)],
      [1 - 2 / (3 * 4 ** (1 / Math.PI) + 1)],
      {
        atol: 1e-14,
      },
    );
    const end4 = { t: 5, theta: 2 * Math.atan(1 / 3), norm: 4 };
    expectClose([flowCosLowerBound({ theta: 3, norm: 1 }, end4, Math.PI / 4, 4, 7)], [1 - 2 / (9 * Math.E ** 2 + 1)], {
      atol: 1e-14,
    });
    expect(() => flowCosLowerBound({ theta: 1, norm: 1 }, far, 1, 2, 1)).toThrow(
      'depth must be 1 or an integer > 2 (depth 2 has a closed form), got 2',
    );
  });

  it('Theorem 5, corrected exponent: 1 - 2/(C1 (A1 t/B1 + 1)^α + 1), α = 2/(π(N-2)), B1 = ‖w_e(0)‖^{2/N-1}', () => {
    // N = 4, c0 = 0.25, ‖w_e(0)‖ = 4, θ0 = π/3: A1 = 0.5, B1 = 4^{-1/2} = 0.5, C1 = 1.5/0.5 = 3, α = 1/π
    // (the printed exponent 2c0/π = 0.5/π would differ); t = 3: A1 t/B1 + 1 = 4
    expectClose([theorem5PolynomialCosBound(Math.PI / 3, 4, 0.25, 4, 3)], [1 - 2 / (3 * 4 ** (1 / Math.PI) + 1)], {
      atol: 1e-14,
    });
    // N = 5: A1 = 3c0 = 0.75, ‖w_e(0)‖ = 32: B1 = 32^{-3/5} = 1/8, α = 2/(3π); θ0 = π/2: C1 = 1; t = 2: 0.75·2·8 + 1 = 13
    expectClose([theorem5PolynomialCosBound(Math.PI / 2, 32, 0.25, 5, 2)], [1 - 2 / (13 ** (2 / (3 * Math.PI)) + 1)], {
      atol: 1e-14,
    });
    // at t = 0 the bound is cos θ0
    expectClose([theorem5PolynomialCosBound(Math.PI / 3, 4, 0.25, 4, 0)], [0.5], { atol: 1e-14 });
  });
});

/** Adaptive Simpson to `eps` (absolute): an integrator independent of the package's Gauss–Legendre panels. */
function adaptiveSimpson(f: (x: number) => number, a: number, b: number, eps = 1e-15): number {
  const step = (
    lo: number,
    hi: number,
    flo: number,
    fmid: number,
    fhi: number,
    whole: number,
    tol: number,
    depth: number,
  ): number => {
    const mid = (lo + hi) / 2;
    const [fl, fr] = [f((lo + mid) / 2), f((mid + hi) / 2)];
    const left = ((mid - lo) / 6) * (flo + 4 * fl + fmid);
    const right = ((hi - mid) / 6) * (fmid + 4 * fr + fhi);
    if (depth > 40 || Math.abs(left + right - whole) <= 15 * tol) return left + right + (left + right - whole) / 15;
    return (
      step(lo, mid, flo, fl, fmid, left, tol / 2, depth + 1) + step(mid, hi, fmid, fr, fhi, right, tol / 2, depth + 1)
    );
  };
  // 64 pieces first, so a feature narrower than the interval is not missed by the first three samples
  let total = 0;
  for (let i = 0; i < 64; i++) {
    const [lo, hi] = [a + ((b - a) * i) / 64, a + ((b - a) * (i + 1)) / 64];
    const [flo, fmid, fhi] = [f(lo), f((lo + hi) / 2), f(hi)];
    total += step(lo, hi, flo, fmid, fhi, ((hi - lo) / 6) * (flo + 4 * fmid + fhi), eps / 64, 0);
  }
  return total;
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

describe('population gradients at large ‖w‖ (the logistic weight concentrates at the boundary wᵀx = 0)', () => {
  const norms = [1, 20, 1000, 10_000];
  it('circle: against independent integrals, relative error < 1e-9 up to ‖w‖ = 1e4', () => {
    const circle = populationIntegrator({ kind: 'sphere' }, 2);
    for (const theta of [2, 0.3]) {
      const v = Float64Array.of(Math.cos(theta), Math.sin(theta));
      for (const s of norms) {
        const g = circle.gradient(Float64Array.of(s, 0), v);
        let reference: number[];
        if (s <= 20) {
          // (1/2π) ∫ -y σ(-y s cos φ)(cos φ, sin φ) dφ, split where y flips (θ ± π/2) and where cos φ = 0 (±π/2)
          const cuts = [
            -Math.PI,
            -Math.PI / 2,
            Math.PI / 2,
            Math.PI,
            theta - Math.PI / 2,
            theta + Math.PI / 2 - 2 * Math.PI,
          ]
            .filter((c) => c >= -Math.PI && c <= Math.PI)
            .sort((x, y) => x - y);
          reference = [Math.cos, Math.sin].map((part) => {
            let total = 0;
            for (let i = 0; i + 1 < cuts.length; i++) {
              const f = (phi: number) => {
                const y = Math.cos(phi - theta) >= 0 ? 1 : -1;
                return (-y * sigmoid(-y * s * Math.cos(phi)) * part(phi)) / (2 * Math.PI);
              };
              total += adaptiveSimpson(f, cuts[i], cuts[i + 1]);
            }
            return total;
          });
        } else {
          // as for the Gaussian below, with a = cos φ: g_a = E[a(1 - P(y = 1 | a))] - E[a σ(-s a)]
          // = -cos θ/π + 1/π - (2/(π s²)) ∫_0^s u σ(-u)/√(1 - u²/s²) du (a = u/s); σ(-60) < 1e-26 ends it at 60;
          // g_b = -c0 sin θ/π = -sin θ/π (Lemma 1)
          const K = adaptiveSimpson((u) => (u * sigmoid(-u)) / Math.sqrt(1 - (u / s) ** 2), 0, 60);
          reference = [(1 - Math.cos(theta)) / Math.PI - (2 * K) / (Math.PI * s * s), -Math.sin(theta) / Math.PI];
        }
        const error = Math.hypot(g[0] - reference[0], g[1] - reference[1]) / Math.hypot(...reference);
        expect(error, `θ ${theta}, ‖w‖ ${s}`).toBeLessThan(1e-9);
      }
    }
  });

  it('Gaussian (d = 3): g along v⊥ is -sin θ/√(2π) at every ‖w‖, along w (1 - cos θ)/√(2π) - 2J(‖w‖)', () => {
    // with a, b the coordinates along w and v⊥ (independent N(0, 1)) and P(y = 1 | a) = Φ(a cot θ):
    // g_b = -E[φ(a cot θ)] = -sin θ/√(2π); g_a = E[a(1 - Φ(a cot θ))] - E[a σ(-s a)] = (1 - cos θ)/√(2π) - 2J(s),
    // J(s) = ∫_0^∞ a φ(a) σ(-s a) da = (1/s²) ∫_0^∞ u φ(u/s) σ(-u) du (Stein's lemma for the first term)
    const gaussian = populationIntegrator({ kind: 'gaussian' }, 3);
    const phi = (x: number) => Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI);
    for (const theta of [2, 0.3]) {
      // w along e1, v in the (e1, e3) plane
      const v = Float64Array.of(Math.cos(theta), 0, Math.sin(theta));
      for (const s of norms) {
        const g = gaussian.gradient(Float64Array.of(s, 0, 0), v);
        const J = adaptiveSimpson((u) => (u * phi(u / s) * sigmoid(-u)) / (s * s), 0, 60);
        const expected = [
          (1 - Math.cos(theta)) / Math.sqrt(2 * Math.PI) - 2 * J,
          0,
          -Math.sin(theta) / Math.sqrt(2 * Math.PI),
        ];
        const error = Math.hypot(...g.map((value, j) => value - expected[j])) / Math.hypot(...expected);
        expect(error, `θ ${theta}, ‖w‖ ${s}`).toBeLessThan(1e-9);
      }
    }
  });
});

it('a diverged run (‖w‖ = 1e300 or ∞) gets an answer at once, not an unbounded refinement', () => {
  const gaussian = populationIntegrator({ kind: 'gaussian' }, 3);
  const v = Float64Array.of(0, 1, 0);
  const start = performance.now();
  const huge = gaussian.gradient(Float64Array.of(1e300, 0, 0), v);
  const infinite = gaussian.gradient(Float64Array.of(Number.POSITIVE_INFINITY, 0, 0), v);
  expect(performance.now() - start).toBeLessThan(2000);
  // at ‖w‖ = 1e300 the logistic weight is a step: g_b = -sin θ/√(2π) still holds (θ = π/2)
  expect(huge[1]).toBeCloseTo(-1 / Math.sqrt(2 * Math.PI), 6);
  expect(infinite.length).toBe(3);
});

describe('population loss', () => {
  it('on the circle equals a fine midpoint sum of softplus(-sgn(vᵀx) wᵀx) over the angle, at angles on both sides of v', () => {
    const circle = populationIntegrator({ kind: 'sphere' }, 2);
    const v = Float64Array.of(0, 1);
    const softplus = (z: number) => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));
    const points = 200_000;
    for (const [w0, w1] of [
      [0.3, 1.2],
      [-2, 0.5],
      [1.5, -0.4],
    ]) {
      let sum = 0;
      for (let i = 0; i < points; i++) {
        const phi = ((i + 0.5) / points) * 2 * Math.PI;
        const [x0, x1] = [Math.cos(phi), Math.sin(phi)];
        sum += softplus(-Math.sign(x1) * (w0 * x0 + w1 * x1));
      }
      // the label flips at two angles: the midpoint sum's error there is O(1/points)
      expect(Math.abs(circle.loss(Float64Array.of(w0, w1), v) - sum / points)).toBeLessThan(1e-4);
    }
  });
});
