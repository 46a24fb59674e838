import { expect, it } from 'vitest';
import { pageSpec, wrapLines } from '../live/render.js';

it('wrapLines splits at spaces into lines of at most max characters; a longer word keeps a line of its own', () => {
  expect(wrapLines('the network against f* and the data', 16)).toEqual(['the network', 'against f* and', 'the data']);
  expect(wrapLines('abc defgh', 9)).toEqual(['abc defgh']);
  expect(wrapLines('abc defgh', 8)).toEqual(['abc', 'defgh']);
  expect(wrapLines('a extraordinarily b', 5)).toEqual(['a', 'extraordinarily', 'b']);
});

it('a chart on a 300 px element wraps its title (7.5 px a character: 40) and x-axis title (6.5 px: 46)', () => {
  const title = 'Epoch 30: right votes of m = 31 per validation example (majority right on 78%)';
  const xTitle = 'right votes k of m = 31 (the majority is right for k > 15.5), counted per example';
  const plot = { name: 'v', title, curve: 'v', x: 'k', y: ['share'], xTitle, yTitle: 'share' };
  const curve = {
    columns: ['k', 'share'],
    rows: [
      [0, 0.5],
      [1, 0.5],
    ],
  };
  const spec = pageSpec(plot, curve, { clientWidth: 300 } as HTMLElement) as {
    title: string[];
    layer: { encoding: { x: { title: string[] }; y: { title: string[] } } }[];
  };
  expect(spec.title).toEqual(['Epoch 30: right votes of m = 31 per', 'validation example (majority right on', '78%)']);
  expect(spec.title.every((line) => line.length <= 40)).toBe(true);
  expect(spec.layer[0].encoding.x.title).toEqual([
    'right votes k of m = 31 (the majority is right',
    'for k > 15.5), counted per example',
  ]);
  expect(spec.layer[0].encoding.y.title).toEqual(['share']);
  // at 590 px (78 characters) the same title, 78 characters long, is one line
  expect((pageSpec(plot, curve, { clientWidth: 590 } as HTMLElement) as { title: string[] }).title).toEqual([title]);
});
