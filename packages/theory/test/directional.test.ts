import { c0, sphericalData, type RadialLaw } from '@sgn/data';
import { expectClose } from '@sgn/tensor/testing';
import { describe, expect, it } from 'vitest';
import { gaussLaguerre, gaussLegendre, populationIntegrator, sampleGradient } from '../src/index.js';

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
