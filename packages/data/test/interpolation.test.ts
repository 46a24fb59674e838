import '@sgn/backend-cpu';
import { createRng, useBackend } from '@sgn/tensor';
import { expectClose } from '@sgn/tensor/testing';
import { describe, expect, it } from 'vitest';
import { interpolationSet, parsePointsCsv, peakPlateau, randomRegression } from '../src/index.js';

describe('interpolation sets', () => {
  it('peak/plateau is the paper set', () => {
    expect(peakPlateau()).toEqual({ x: [-2, -1, 0, 1, 2, 3], y: [0, 0, 1, 1, 0, 0] });
  });

  it('parses CSV with a header, blank lines and spaces', () => {
    expect(parsePointsCsv('x, y\n0, 1\n\n1,2\n2,0.5\n')).toEqual({ x: [0, 1, 2], y: [1, 2, 0.5] });
    expect(parsePointsCsv('0,1\n1,2\n2,3')).toEqual({ x: [0, 1, 2], y: [1, 2, 3] });
  });

  it('rejects unsorted, duplicated, too few points and non-numeric cells with one clear line', () => {
    expect(() => parsePointsCsv('0,0\n2,1\n1,0\n')).toThrow('x must be sorted increasingly: x[1] = 2 > x[2] = 1');
    expect(() => parsePointsCsv('0,0\n1,1\n1,0\n')).toThrow('x must not repeat: x[1] = x[2] = 1');
    expect(() => parsePointsCsv('0,0\n1,1\n')).toThrow('need at least 3 points, got 2');
    expect(() => parsePointsCsv('0,0\n1,abc\n2,0\n')).toThrow('line 2: y must be a decimal number, got "abc"');
    // decimal only, and what is echoed is cut and escaped (no raw terminal escapes, no 100 kB lines)
    expect(() => parsePointsCsv('0,0\n0x1,1\n2,0\n')).toThrow('line 2: x must be a decimal number, got "0x1"');
    expect(() => parsePointsCsv('0,0\n1,\u001b]0;pwned\u0007\n2,0\n')).toThrow(
      'line 2: y must be a decimal number, got "\\u001b]0;pwned\\u0007"',
    );
    expect(() => parsePointsCsv(`0,0\n1,${'9'.repeat(100)}x\n`)).toThrow(`got "${'9'.repeat(60)}…"`);
    expect(() => parsePointsCsv('0,0\n1\n2,0\n')).toThrow('line 2: need 2 cells (x,y), got 1');
    expect(() => interpolationSet([0, 1, Number.NaN], [0, 1, 2])).toThrow('x[2] must be a finite number, got NaN');
  });
});

describe('randomRegression', () => {
  it('draws x then y uniformly in [-1, 1] from the seed', async () => {
    await useBackend('cpu');
    const { x, y } = randomRegression({ n: 3, d: 2, seed: 9 });
    const rng = createRng(9);
    const expectedX = Array.from(rng.uniformArray(6, -1, 1), Math.fround);
    const expectedY = Array.from(rng.uniformArray(3, -1, 1), Math.fround);
    expect(x.shape).toEqual([3, 2]);
    expectClose(x, expectedX, { atol: 0, rtol: 0 });
    expectClose(y, expectedY, { atol: 0, rtol: 0 });
    expect(() => randomRegression({ n: 0, d: 2, seed: 0 })).toThrow('n must be a positive integer, got 0');
  });
});
