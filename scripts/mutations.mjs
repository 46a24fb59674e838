// The mutation table, run on purpose (`node scripts/mutations.mjs`, a few minutes): each row makes one deliberate
// error in the source, rebuilds what it touches, runs the test that must catch it, and restores the file. It exits 1
// if any mutation survives (its test still passes). The table is documented in the README of the package that holds
// each check; add a row with every formula or check you add. Rows: [id, file, find, replace, packages to rebuild,
// test command (run from the repo root), what the error is].
import { execSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const wasmKernels = 'pnpm --filter @sgn/backend-wasm exec vitest run test/kernels.test.ts';
const MUTATIONS = [
  [
    'adam-wasm-order',
    'packages/backend-wasm/wasm/adam-pass.wat',
    '(f64x2.mul (f64x2.mul (local.get $k2) (local.get $gi)) (local.get $gi))',
    '(f64x2.mul (local.get $k2) (f64x2.mul (local.get $gi) (local.get $gi)))',
    ['@sgn/backend-wasm'],
    wasmKernels,
    'the bias-corrected wasm kernel computes (1-β2)(g g) instead of ((1-β2) g) g (a last-bit reorder)',
  ],
  [
    'adam-reference-correction',
    'packages/backend-cpu/src/kernels/adam-pass-impl.ts',
    'm1 / correction1 /',
    'm1 * correction1 /',
    ['@sgn/backend-cpu'],
    wasmKernels,
    'the float64 reference multiplies by the bias correction instead of dividing',
  ],
  [
    'flush-threshold',
    'packages/backend-cpu/src/kernels/adam-pass-impl.ts',
    'if (second[index] < tinySquared) second[index] = 0;',
    'if (second[index] < tiny) second[index] = 0;',
    ['@sgn/backend-cpu'],
    wasmKernels,
    'the flush zeroes second moments below TINY instead of TINY²',
  ],
  [
    'split-half',
    'packages/backend-cpu/src/kernels/split-adam-pass.ts',
    'range(options, 0, half, flush);',
    'range(options, 0, half - 1, flush);',
    ['@sgn/backend-cpu'],
    wasmKernels,
    'the main thread of a split pass skips its last coordinate',
  ],
  [
    'rsetc-reference-tanh-derivative',
    'packages/backend-cpu/src/kernels/rsetc-step-impl.ts',
    '* (1 - t * t);',
    '* (1 - t);',
    ['@sgn/backend-cpu'],
    wasmKernels,
    "the RSetC reference's gradient uses 1 - t instead of tanh' = 1 - t²",
  ],
  [
    'adagrad-float64-eps',
    'packages/optimizers/src/scale-by-adagrad-float64.ts',
    'grad[i] /= Math.sqrt(sumOfSquares[i]) + eps;',
    'grad[i] /= Math.sqrt(sumOfSquares[i] + eps);',
    [],
    'pnpm --filter @sgn/optimizers exec vitest run test/exact.test.ts',
    'the float64 Adagrad adds ε under the square root instead of after it',
  ],
  [
    'rsetc-schedule-step',
    'packages/trainers/src/rsetc/rsetc.fused.ts',
    'const eta = adagrad.learningRate(steps);',
    'const eta = adagrad.learningRate(steps + 1);',
    ['@sgn/trainers'],
    'pnpm --filter @sgn/trainers exec vitest run test/rsetc-fused.test.ts',
    'the fused RSetC reads the schedule one step late (the annealed case against the tensor path must fail)',
  ],
  [
    'separable-is-circle',
    'packages/experiments/src/papers/directional/checks.ts',
    "v: direction, source: { kind: 'sample', x, y }",
    "v: [0, 1], source: { kind: 'population', law: CIRCLE }",
    ['@sgn/experiments'],
    'pnpm -s sgn check directional.separable-contrast',
    'the separable-set run gets the circle population gradient (the contrast check must fail: ratio 1)',
  ],
  [
    'prox-float64-exponent',
    'packages/regularizers/src/prox-float64.ts',
    'path - scale * path ** (p - 1)',
    'path - scale * path ** -p',
    [],
    'pnpm --filter @sgn/regularizers exec vitest run test/prox-float64.test.ts',
    "the float64 prox's threshold exponent is -p instead of p - 1 (equal at p = 0.5 only)",
  ],
  [
    'prox-tensor-exponent',
    'packages/regularizers/src/prox.ts',
    'tf.pow(path, p - 1)',
    'tf.pow(path, -p)',
    [],
    'pnpm --filter @sgn/regularizers exec vitest run test/prox-float64.test.ts',
    "the tensor prox's threshold exponent is -p instead of p - 1",
  ],
  [
    'prox-scale-one-minus-p',
    'packages/regularizers/src/prox-float64.ts',
    'const scale = lambda * step * p;',
    'const scale = lambda * step * (1 - p);',
    [],
    'pnpm --filter @sgn/regularizers exec vitest run test/prox-float64.test.ts',
    'the float64 prox scales the threshold by 1 - p instead of p (equal at p = 0.5 only)',
  ],
  [
    'knot-signed-w',
    'packages/models/src/univariate-relu.ts',
    'slopeChange: v[k] * Math.abs(w[k])',
    'slopeChange: v[k] * w[k]',
    [],
    'pnpm --filter @sgn/models exec vitest run test/relu.test.ts',
    'the knot read-out uses v·w instead of v·|w| (wrong for neurons with w < 0)',
  ],
  [
    'theorem1-a1-halved',
    'packages/theory/src/directional/rates.ts',
    'const a1 = (2 * c0) / (Math.PI * norm0);',
    'const a1 = c0 / (Math.PI * norm0);',
    [],
    'pnpm --filter @sgn/theory exec vitest run test/directional.test.ts',
    "Theorem 1's A1 halved",
  ],
  [
    'theorem5-printed-exponent',
    'packages/theory/src/directional/rates.ts',
    'const alpha = 2 / (Math.PI * (depth - 2));',
    'const alpha = (2 * c0) / Math.PI;',
    [],
    'pnpm --filter @sgn/theory exec vitest run test/directional.test.ts',
    "Theorem 5's exponent as printed (2c0/π) instead of the derived 2/(π(N-2))",
  ],
  [
    'theorem5-b1-exponent',
    'packages/theory/src/directional/rates.ts',
    'const b1 = norm0 ** (2 / depth - 1);',
    'const b1 = norm0 ** (1 - 2 / depth);',
    [],
    'pnpm --filter @sgn/theory exec vitest run test/directional.test.ts',
    "Theorem 5's B1 = ‖w_e(0)‖^(1-2/N) instead of ‖w_e(0)‖^(2/N-1) (invisible at ‖w_e(0)‖ = 1)",
  ],
  [
    'c0-gamma-overflow',
    'packages/data/src/spherical.ts',
    'const sphere = Math.exp(logGamma(1.5) + logGamma(d / 2) - logGamma((d + 1) / 2));',
    'const sphere = (gammaFunction(1.5) * gammaFunction(d / 2)) / gammaFunction((d + 1) / 2);',
    ['@sgn/data'],
    'pnpm --filter @sgn/theory exec vitest run test/directional.test.ts',
    'c0 of the sphere as a ratio of gamma functions (NaN past d = 343)',
  ],
  [
    'majority-term-ratio',
    'packages/theory/src/rlc/bounds.ts',
    'term *= ((m - k) / (k + 1)) * odds;',
    'term *= ((m - k + 1) / (k + 1)) * odds;',
    [],
    'pnpm --filter @sgn/theory exec vitest run test/rlc.test.ts',
    'the binomial tail steps C(m, k+1)/C(m, k) as (m-k+1)/(k+1) instead of (m-k)/(k+1)',
  ],
  [
    'population-no-grading',
    'packages/theory/src/directional/population-gradient.ts',
    'return length * scale > 1 ? Math.min(60, Math.ceil(Math.log2(length * scale))) : 0;',
    'return 0;',
    [],
    'pnpm --filter @sgn/theory exec vitest run test/directional.test.ts',
    'the population quadrature stops refining towards wᵀx = 0 at large ‖w‖ (the fixed rule of before: 1.6e-2 off at ‖w‖ = 1000)',
  ],
  [
    'same-knot-loose',
    'packages/trainers/src/lp/algorithm1.ts',
    'export const SAME_KNOT = 1e-9;',
    'export const SAME_KNOT = 0.05;',
    [],
    'pnpm --filter @sgn/trainers exec vitest run test/lp-algorithm1.test.ts',
    'the read-out joins knots within 0.05 (what the quick preset did): the straddling pair 0.48/0.52 passes as f*',
  ],
  [
    'cost-active-only',
    'packages/trainers/src/lp/algorithm1.ts',
    'const lpCost = allBends.reduce(',
    'const lpCost = knots.reduce(',
    [],
    'pnpm --filter @sgn/trainers exec vitest run test/lp-algorithm1.test.ts',
    'V_p leaves out unpruned neurons below |v w| = 1e-6 (ten at 1e-8 cost 6.3e-3 at p = 0.4)',
  ],
  [
    'lemma3-exponent',
    'packages/theory/src/directional/rates.ts',
    'return -(c0 / Math.PI) * norm ** (1 - 2 / depth);',
    'return -(c0 / Math.PI) * norm ** (2 / depth - 1);',
    [],
    'pnpm --filter @sgn/theory exec vitest run test/directional.test.ts',
    "Lemma 3's rate with the exponent 2/N - 1 instead of 1 - 2/N",
  ],
  [
    'balanced-scale',
    'packages/models/src/deep-linear.ts',
    'const scale = norm ** (1 / depth);',
    'const scale = norm;',
    ['@sgn/models'],
    'pnpm --filter @sgn/trainers exec vitest run test/deep-linear.test.ts',
    'the balanced init scales every layer by ‖w0‖ instead of ‖w0‖^(1/N) (invisible at ‖w0‖ = 1)',
  ],
  [
    'depth-n-rate-check',
    'packages/experiments/src/papers/directional/checks.ts',
    'depthNLogTanHalfRate(constant, curves.norm[i], depth) +',
    'depthNLogTanHalfRate(constant, 1, depth) +',
    ['@sgn/experiments'],
    'pnpm -s sgn check directional.depth-n-rate',
    'the depth-N rate check uses ‖w_e‖ = 1 instead of the measured norm at one end of each interval',
  ],
  [
    'sgd-small-batch',
    'packages/experiments/src/papers/directional/checks.ts',
    "source: { kind: 'sgd', law: CIRCLE, batch: 1000 }",
    "source: { kind: 'sgd', law: CIRCLE, batch: 10 }",
    ['@sgn/experiments'],
    'pnpm -s sgn check directional.sgd-figure1',
    'the SGD check draws batches of 10 instead of 1000 (its noise must break the match with GD)',
  ],
  [
    'p-one-unique',
    'packages/theory/src/lp/univariate-minimizer.ts',
    'if (p === 1 && run.last - run.first >= 1) unique = false;',
    '',
    [],
    'pnpm --filter @sgn/theory exec vitest run test/lp-exact.test.ts',
    'the exact solver calls the p = 1 minimizer of peak/plateau unique (only vertex ties are seen, not the face)',
  ],
  [
    'theorem1-late-a2-doubled',
    'packages/theory/src/directional/rates.ts',
    'const a2 = (4 * c0) / (Math.PI * Math.sqrt(0.6));',
    'const a2 = (8 * c0) / (Math.PI * Math.sqrt(0.6));',
    ['@sgn/theory'],
    'pnpm -s sgn check directional.flow-bounds',
    "Theorem 1's late-phase A2 doubled: the bound claims more than GD does and the check must see it violated",
  ],
  [
    'theorem5-linear-printed-exponent',
    'packages/theory/src/directional/rates.ts',
    'const a2 = (2 * c0 * normT ** (1 - 2 / depth)) / Math.PI;',
    'const a2 = (2 * c0 * normT ** (2 - 2 / depth)) / Math.PI;',
    [],
    'pnpm --filter @sgn/theory exec vitest run test/directional.test.ts',
    "Theorem 5's linear-phase A2 with the printed exponent 2 - 2/N instead of Lemma 3's 1 - 2/N",
  ],
  [
    'lp-slope-change-sign',
    'packages/theory/src/lp/univariate-minimizer.ts',
    'slopeChanges.push(slopes[l] - slopes[k]);',
    'slopeChanges.push(slopes[k] - slopes[l]);',
    ['@sgn/theory'],
    'pnpm -s sgn check lp.corollaries',
    "the exact solver's slope changes flip sign (V_p unchanged): the minimizer's slopes leave max|s_i| (Cor. 3.1.2)",
  ],
  [
    'checkpoint-hash-ignored',
    'apps/cli/src/checkpoint-file.ts',
    'if (digest(file.identity, file.checkpoint as Checkpoint) !== file.sha256)',
    'if (false)',
    ['sgn'],
    'pnpm --filter sgn exec vitest run test/run.test.ts',
    '--resume trusts a checkpoint whose content no longer matches its hash (a changed digit inside a unit)',
  ],
  [
    'checkpoint-units-cut',
    'packages/experiments/src/harness/experiment.ts',
    'if (resumed.length > total)',
    'if (false)',
    ['@sgn/experiments'],
    'pnpm --filter sgn exec vitest run test/run.test.ts',
    'a resumed run silently cuts a checkpoint with more finished units than it has (padded with copies)',
  ],
  [
    'run-lock-ignored',
    'apps/cli/src/run-folder.ts',
    '  takeLock(lock, folder);\n',
    '',
    ['sgn'],
    'pnpm --filter sgn exec vitest run test/run.test.ts',
    'a second run takes a folder a live run holds (no lock)',
  ],
  [
    'lp-slopes-spread',
    'packages/theory/src/lp/univariate-minimizer.ts',
    'const scale = s.reduce((largest, slope) => Math.max(largest, Math.abs(slope)), 1);',
    'const scale = Math.max(1, ...s.map(Math.abs));',
    [],
    'pnpm --filter @sgn/theory exec vitest run test/lp-exact.test.ts',
    'the slopes are spread into Math.max (the call stack overflows at 3e5 points)',
  ],
  [
    'train-error-leak',
    'packages/optimizers/src/train.ts',
    '    disposeReplaced(params, {}, initial);\n    disposeReplaced(state, {}, initial);\n    throw error;',
    '    throw error;',
    [],
    'pnpm --filter @sgn/optimizers exec vitest run test/train.test.ts',
    'a diverged train() leaks the parameters and optimizer state it made (2 tensors with sgd, 6 with adam)',
  ],
  [
    'fused-no-yield',
    'packages/trainers/src/lp/fused-loop.ts',
    'return maybeYield?.();',
    'return;',
    [],
    // the mutated run never yields, so even vitest's own timeout cannot fire: the shell's timeout ends it
    'timeout 120 pnpm --filter @sgn/trainers exec vitest run test/lp-algorithm1.test.ts -t "Ctrl-C"',
    'the fused lp loop yields only at its reports (Ctrl-C unseen for minutes on a long run)',
  ],
  [
    'chain-coupled-ignored',
    'packages/trainers/src/adam-chain.ts',
    "if (parts[at]?.kind === 'addL2Gradient') coupled = (parts[at++] as { weightDecay: number }).weightDecay;",
    "if (parts[at]?.kind === 'addL2Gradient') at++;",
    ['@sgn/trainers'],
    'pnpm --filter @sgn/trainers exec vitest run test/patch-cnn.test.ts',
    "the chain matcher drops adam's coupled L2 (the one-step autodiff test with λ 0.1 must fail)",
  ],
  [
    'stream-seed-name',
    'packages/tensor/src/rng.ts',
    'for (let i = 0; i < stream.length; i++) [state, out] = splitmix32(state ^ out ^ stream.charCodeAt(i));',
    '',
    [],
    'pnpm --filter @sgn/tensor exec vitest run test/rng.test.ts',
    'streamSeed ignores the stream name (every sub-stream of a seed the same)',
  ],
  [
    'registry-ignores-backend',
    'packages/tensor/src/kernels/kernel-registry.ts',
    'const backend = backendName ?? tf.getBackend();',
    'const backend = tf.getBackend();',
    [],
    'pnpm --filter @sgn/tensor exec vitest run test/kernel-registry.test.ts',
    'getSgnKernel ignores the backend it is asked for',
  ],
  [
    'dependency-rule-dropped',
    '.dependency-cruiser.cjs',
    "'^packages/experiments/src/harness/',\n      '^packages/experiments/src/papers/',",
    "'^packages/experiments/src/harness/',\n      '^$',",
    [],
    'node scripts/dependency-rules-bite.mjs',
    'the rule that the experiment harness imports no paper is removed',
  ],
];

const run = (command) => spawnSync(command, { shell: true, encoding: 'utf8' });
const rebuild = (packages) => {
  for (const name of packages) execSync(`pnpm --filter ${name} build`, { stdio: 'ignore' });
};
const only = process.argv.slice(2);
let survived = 0;
for (const [id, file, find, replace, packages, test, what] of MUTATIONS) {
  if (only.length > 0 && !only.includes(id)) continue;
  const original = readFileSync(file, 'utf8');
  if (!original.includes(find)) {
    console.error(`${id}: the text to mutate is no longer in ${file}; update the table`);
    survived++;
    continue;
  }
  writeFileSync(file, original.replace(find, replace));
  try {
    rebuild(packages);
    const result = run(test);
    const caught = result.status !== 0;
    if (!caught) survived++;
    console.log(`${caught ? 'caught  ' : 'SURVIVED'} ${id}: ${what}`);
  } finally {
    writeFileSync(file, original);
    rebuild(packages);
  }
}
process.exit(survived > 0 ? 1 : 0);
