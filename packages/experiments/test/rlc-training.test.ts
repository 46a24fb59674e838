import { describe, expect, it } from 'vitest';
import { accuracyGapError, rlcTaskShape } from '../src/papers/rlc/training.js';

describe('rlc-training helpers by hand', () => {
  it('the gap error: sqrt((a(1-a) + r(1-r)) / 2000) on the 2000-point test sets', () => {
    // a 0.8, r 0.7: (0.16 + 0.21)/2000 = 1.85e-4
    expect(accuracyGapError(0.8, 0.7)).toBeCloseTo(Math.sqrt(1.85e-4), 15);
    expect(accuracyGapError(1, 0)).toBe(0);
  });

  it('the step shape: batch 250 (100 for graphs), features 2n + 1 for sets, n(n + 1)/2 for graphs, d for sin', () => {
    expect(rlcTaskShape('sign', 25)).toEqual({ batch: 250, features: 51 });
    expect(rlcTaskShape('sort', 5)).toEqual({ batch: 250, features: 11 });
    expect(rlcTaskShape('connectivity', 10)).toEqual({ batch: 100, features: 55 });
    expect(rlcTaskShape('sin', 6)).toEqual({ batch: 250, features: 6 });
  });
});
