// In plain Node (no vitest transform), importing @sgn/tensor before any backend or tfjs-core: the Tensor class in
// use must be tfjs-core's own, whose methods reach its ops (the gradient bundle's copy has none).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('@sgn/tensor imported first: clone() and a gradient through cast (whose gradient clones dy) work in plain node', () => {
  const script = [
    "const { tf } = await import('@sgn/tensor');",
    "await import('@tensorflow/tfjs-backend-cpu');",
    "await tf.setBackend('cpu');",
    'const x = tf.tensor1d([1, -2, 3]);',
    "const g = tf.grad((v) => tf.sum(tf.mul(tf.cast(v, 'float32'), tf.tensor1d([2, 3, 4]))))(x);",
    'console.log(JSON.stringify({ clone: Array.from(x.clone().dataSync()), grad: Array.from(g.dataSync()) }));',
  ].join('\n');
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    encoding: 'utf8',
    env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3' },
  });
  // d/dv Σ c_i cast(v)_i = c, the gradient of cast being the identity
  expect(JSON.parse(out.trim().split('\n').at(-1)!)).toEqual({ clone: [1, -2, 3], grad: [2, 3, 4] });
});
