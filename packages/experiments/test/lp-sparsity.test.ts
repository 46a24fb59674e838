import { describe, expect, it } from 'vitest';
import { countAt, revivals } from '../src/papers/lp-sparse/sparsity-over-training.js';
import { l0Bound } from '../src/papers/lp-sparse/multivariate-exact.js';

describe('the lp sparsity checks read their numbers as stated', () => {
  const history = [
    { step: 5, active: 5, unpruned: 6 },
    { step: 10, active: 4, unpruned: 6 },
    { step: 15, active: 4, unpruned: 7 },
    { step: 20, active: 3, unpruned: 3 },
  ];

  it('a revival is a report whose unpruned count is above the one before (step 15 here, not step 10)', () => {
    expect(revivals(history)).toEqual([15]);
    expect(revivals(history.slice(0, 2))).toEqual([]);
  });

  it('the count at a step is the first report at or after it, or the last when training stopped before', () => {
    expect(countAt(history, 12)?.step).toBe(15);
    expect(countAt(history, 10)?.step).toBe(10);
    expect(countAt(history, 100)?.step).toBe(20);
    expect(countAt([], 5)).toBeUndefined();
  });

  it("Prop. 4.1's ℓ0 bound: 2N while N <= d + 1 (N 3 in d 2: 6), 8(N + 1) beyond (N 4 in d 2: 40)", () => {
    expect(l0Bound(3, 2)).toBe(6);
    expect(l0Bound(3, 3)).toBe(6);
    expect(l0Bound(4, 2)).toBe(40);
  });
});
