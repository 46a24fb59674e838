import '@sgn/backend-wasm';
import { useBackend } from '@sgn/tensor';
import { peakPlateau } from '@sgn/data';
import { trainUnivariateLp } from '@sgn/theory';
await useBackend('wasm');
const [lambda, steps, lr] = process.argv.slice(2).map(Number);
for (let seed = 0; seed < 5; seed++) {
  const r = await trainUnivariateLp(peakPlateau(), { method: 'lp', p: 0.4, width: 80, lambda, steps, seed, learningRate: lr });
  console.log(lambda, steps, lr, seed, r.activeNeurons, r.knots.length, r.interpolationError.toExponential(2), r.matchesMinimizer, r.knots.map(k => k.location.toFixed(3)).join(' '));
}
