import { expect, it } from 'vitest';
import { requirePositiveIntegers } from '../src/index.js';

it('requirePositiveIntegers names the first argument, in order, that is not an integer >= 1, with its value', () => {
  expect(() => requirePositiveIntegers({ n: 200, d: 1, s: 100 })).not.toThrow();
  expect(() => requirePositiveIntegers({ n: 200, d: 0, s: -1 })).toThrow('d must be a positive integer, got 0');
  expect(() => requirePositiveIntegers({ width: 2.5 })).toThrow('width must be a positive integer, got 2.5');
  expect(() => requirePositiveIntegers({ steps: Number.NaN })).toThrow('steps must be a positive integer, got NaN');
  expect(() => requirePositiveIntegers({ epochs: Number.POSITIVE_INFINITY })).toThrow(
    'epochs must be a positive integer, got Infinity',
  );
});
