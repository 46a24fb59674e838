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

it('parseDecimal: decimal text only; hex, binary, padded, empty and named values are NaN', async () => {
  const { parseDecimal } = await import('../src/index.js');
  expect(['2.5e-3', '-7', '+.5', '3.', '1E2'].map(parseDecimal)).toEqual([0.0025, -7, 0.5, 3, 100]);
  for (const text of ['0x10', '0b1', ' 5 ', '', 'Infinity', '1e', '1_0', '.'])
    expect(parseDecimal(text), text).toBeNaN();
});

it('quoteForMessage: quoted, control characters escaped, cut at 60 characters', async () => {
  const { quoteForMessage } = await import('../src/index.js');
  expect(quoteForMessage('0x10')).toBe('"0x10"');
  // an OSC title escape and an ANSI colour: shown as text, never sent raw to the terminal
  expect(quoteForMessage('\u001b]0;x\u0007\u001b[31mred')).toBe('"\\u001b]0;x\\u0007\\u001b[31mred"');
  const long = quoteForMessage('7'.repeat(100_000));
  expect(long).toBe(`"${'7'.repeat(60)}…"`);
  expect(quoteForMessage('12345', 3)).toBe('"123…"');
});
