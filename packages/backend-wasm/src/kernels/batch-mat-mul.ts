import { tf } from '@sgn/tensor';

type TensorInfo = tf.TensorInfo;
type Backend = { disposeData(dataId: object): void };

/**
 * tfjs-backend-wasm's BatchMatMul with `transposeA` or `transposeB` is 5-8x slower than transposing first (its
 * transposed path does not reach XNNPACK's fast kernel): measured on this machine, xᵀ dy for x [16, 784],
 * dy [16, 128] 1640 µs against 313 µs, and 20 ms against 2.4 ms at 256 rows; every matMul gradient takes that path
 * (dA = dy Bᵀ, dB = Aᵀ dy). This wraps tfjs's kernel: a flagged input is transposed by the wasm Transpose kernel
 * (the last two axes) and the product taken unflagged. The same products, summed in XNNPACK's order.
 */
export function registerTransposeFirstBatchMatMul(): void {
  const original = tf.getKernel('BatchMatMul', 'wasm');
  const transpose = tf.getKernel('Transpose', 'wasm');
  if (!original || !transpose) throw new Error('tfjs-backend-wasm registered no BatchMatMul or Transpose kernel');
  const swapLastTwo = (x: TensorInfo, backend: unknown): TensorInfo => {
    const rank = x.shape.length;
    const perm = [...Array.from({ length: rank - 2 }, (_, i) => i), rank - 1, rank - 2];
    return transpose.kernelFunc({ inputs: { x }, backend, attrs: { perm } } as never) as TensorInfo;
  };
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel({
    ...original,
    kernelFunc: function transposeFirstBatchMatMul(args) {
      const { inputs, backend, attrs } = args as unknown as {
        inputs: { a: TensorInfo; b: TensorInfo };
        backend: Backend;
        attrs: { transposeA: boolean; transposeB: boolean };
      };
      if (!attrs.transposeA && !attrs.transposeB) return original.kernelFunc(args);
      const a = attrs.transposeA ? swapLastTwo(inputs.a, backend) : inputs.a;
      const b = attrs.transposeB ? swapLastTwo(inputs.b, backend) : inputs.b;
      try {
        return original.kernelFunc({
          ...args,
          inputs: { a, b },
          attrs: { ...attrs, transposeA: false, transposeB: false },
        } as never);
      } finally {
        if (attrs.transposeA) backend.disposeData(a.dataId);
        if (attrs.transposeB) backend.disposeData(b.dataId);
      }
    },
  });
}
