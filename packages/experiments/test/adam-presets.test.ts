import { describe, expect, it } from 'vitest';
import { ADAM_BATCH_PRESETS, FEATURE_READOUT_OVERRIDES, largeBatchDeparture } from '../src/index.js';

// The stochastic-Adam paper's stated setup (Tang, Zhang, Cao & Zou, arXiv 2510.11354, Section 6 / Tables 1-2, as
// the theory README quotes it), written out here by value: d 1000, n 200 (balanced), s = 0.1 d, σ_p = 1/√s, α 0.2,
// σ_0 0.01, m 20, 1e4 epochs, η 5e-5, test 1e4, B 100 vs 2, Adam λ 1e-5, AdamW λ 1e-2. Not stated there and chosen
// by sgn: q = 3 (the smallest the theory allows), ε 1e-8 (torch's default), no bias correction (the theory's (3.4)).
const PAPER_SETUP = {
  n: 200,
  d: 1000,
  s: 100,
  sigmaP: 0.1,
  alpha: 0.2,
  sigma0: 0.01,
  m: 20,
  q: 3,
  eta: 5e-5,
  lambdaAdam: 1e-5,
  lambdaAdamW: 1e-2,
  largeBatch: 100,
  miniBatch: 2,
  epochsLarge: 10_000,
  epochsMini: 10_000,
  test: 10_000,
  eps: 1e-8,
  biasCorrection: 'off',
};

describe('stochastic-Adam presets', () => {
  it("paper is the paper's stated setup, value by value", () => {
    expect(ADAM_BATCH_PRESETS.paper).toEqual(PAPER_SETUP);
    expect(PAPER_SETUP.sigmaP).toBeCloseTo(1 / Math.sqrt(PAPER_SETUP.s), 15);
  });

  it('quick departs from paper only where its documentation says (d, η, epochs, test set)', () => {
    const { d, eta, epochsLarge, epochsMini, test, ...rest } = ADAM_BATCH_PRESETS.quick;
    expect({ d, eta, epochsLarge, epochsMini, test }).toEqual({
      d: 10_000,
      eta: 2.5e-4,
      epochsLarge: 200,
      epochsMini: 12,
      test: 2000,
    });
    expect(rest).toEqual(
      Object.fromEntries(
        Object.entries(PAPER_SETUP).filter(([key]) => !(key in { d, eta, epochsLarge, epochsMini, test })),
      ),
    );
  });

  it("the feature read-out runs at the paper's η (its sign depends on η, see the README)", () => {
    expect(FEATURE_READOUT_OVERRIDES.quick).toEqual({ eta: 5e-5, epochsLarge: 2000, epochsMini: 30, test: 500 });
    expect(FEATURE_READOUT_OVERRIDES.paper).toEqual({});
  });

  it('the paper preset states before it runs that its large-batch claims are expected not to reproduce', () => {
    // n·s/d = 200·100/1000 = 20 > 10, the largest load where sgn measured the failure; quick (2) and load 10 expect it
    expect(largeBatchDeparture(ADAM_BATCH_PRESETS.paper)).toMatch(
      /^n·s\/d = 20\.0 \(d 1000\): the noise supports overlap/,
    );
    expect(largeBatchDeparture(ADAM_BATCH_PRESETS.quick)).toBeUndefined();
    expect(largeBatchDeparture({ n: 200, s: 100, d: 2000 })).toBeUndefined();
    expect(largeBatchDeparture({ n: 200, s: 100, d: 1999 })).toBeDefined();
  });
});
