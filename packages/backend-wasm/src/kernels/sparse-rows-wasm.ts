import { checkedSparseRows } from '@sgn/backend-cpu/shared';
import type { SparseRows, SparseRowsSetup } from '@sgn/tensor';

/** The wasm exports of wasm/sparse-rows.wat (byte offsets and counts). */
type Gather = (
  w: number,
  width: number,
  support: number,
  values: number,
  begin: number,
  end: number,
  out: number,
) => void;
type Scatter = (
  g: number,
  width: number,
  support: number,
  values: number,
  begin: number,
  end: number,
  filters: number,
  scales: number,
  count: number,
) => void;

const align16 = (bytes: number) => Math.ceil(bytes / 16) * 16;

/** Bytes the sparse rows take in wasm memory: the three `width` buffers and each set's support and values. */
export function sparseRowsBytes(rows: SparseRowsSetup): number {
  const { width } = rows;
  let bytes = 2 * align16(8 * width) + align16(4 * width);
  for (const set of rows.sets) bytes += align16(4 * set.support.length) + align16(8 * set.values.length);
  return bytes;
}

/**
 * The wasm backend's sparse-row passes (wasm/sparse-rows.wat): the examples copied once into `memory` from byte
 * `base` on (later changes to the caller's arrays are not seen), the passes over the weights and gradient at byte
 * offsets `weights` and `grad`. For rows that `checkSparseRows` has passed: the kernel does not check an index.
 */
export function createSparseRowsWasm(
  memory: WebAssembly.Memory,
  module: WebAssembly.Module,
  offsets: { base: number; weights: number; grad: number },
  rows: SparseRowsSetup,
): SparseRows {
  const { width } = rows;
  let at = offsets.base;
  const take = (bytes: number): number => {
    const start = at;
    at += align16(bytes);
    return start;
  };
  const buffer = memory.buffer;
  const out = new Float64Array(buffer, take(8 * width), width);
  const scales = new Float64Array(buffer, take(8 * width), width);
  const filters = new Int32Array(buffer, take(4 * width), width);
  const sets = rows.sets.map((set) => {
    const support = new Int32Array(buffer, take(4 * set.support.length), set.support.length);
    const values = new Float64Array(buffer, take(8 * set.values.length), set.values.length);
    support.set(set.support);
    values.set(set.values);
    return { begins: Int32Array.from(set.offsets), support: support.byteOffset, values: values.byteOffset };
  });
  const exports = new WebAssembly.Instance(module, { env: { memory } }).exports;
  const gather = exports.gather as Gather;
  const scatter = exports.scatter as Scatter;
  return checkedSparseRows(rows, {
    width,
    out,
    filters,
    scales,
    gather(set, example) {
      const { begins, support, values } = sets[set];
      gather(offsets.weights, width, support, values, begins[example], begins[example + 1], out.byteOffset);
    },
    scatter(set, example, count) {
      const { begins, support, values } = sets[set];
      scatter(
        offsets.grad,
        width,
        support,
        values,
        begins[example],
        begins[example + 1],
        filters.byteOffset,
        scales.byteOffset,
        count,
      );
    },
  });
}
