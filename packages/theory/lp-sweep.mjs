import '@sgn/backend-cpu';
import { peakPlateau } from '@sgn/data';
import { trainUnivariateLp } from '@sgn/theory';
const [lambda, steps, p, mergeTolerance, method = 'lp', schedule = 'constant'] = process.argv.slice(2).map((v, i) => (i < 4 ? Number(v) : v));
const t = performance.now();
let ok = 0;
for (let seed = 0; seed < 10; seed++) {
  const r = await trainUnivariateLp(peakPlateau(), { method, p, width: 80, lambda, steps, seed, mergeTolerance, schedule });
  ok += r.matchesMinimizer;
  console.log(method, lambda, steps, p, seed, r.activeNeurons, r.knots.length, r.interpolationError.toExponential(2), r.matchesMinimizer, r.knots.map(k => k.location.toFixed(3)).join(' '));
}
console.log('success', ok, '/ 10', ((performance.now() - t) / 1000).toFixed(1), 's');
