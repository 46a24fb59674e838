import type { SparseExamples, SparseRows, SparseRowsSetup } from '@sgn/tensor';

/**
 * The float64 reference of the sparse-row gather: out[c] += Σ_k weights[support[k]·width + c]·values[k] for every
 * column c < width over example `example`'s entries, k in increasing order. Each product is rounded, then added
 * (no fused multiply-add), as the wasm kernel does, so the two agree to the last bit.
 *
 * @param weights - the weights, rows of `width`
 * @param width - coordinates per row
 * @param set - the examples
 * @param example - which example
 * @param out - the accumulator (`width` long), updated in place
 * @see Tang, Zhang, Cao & Zou, arXiv 2510.11354, (3.1): ⟨w_{j,r}, ξ_i⟩ over the noise support
 */
export function gatherRowsImpl(
  weights: Float64Array,
  width: number,
  set: SparseExamples,
  example: number,
  out: Float64Array,
): void {
  const { support, values } = set;
  const end = set.offsets[example + 1];
  for (let k = set.offsets[example]; k < end; k++) {
    const base = support[k] * width;
    const value = values[k];
    for (let c = 0; c < width; c++) out[c] += weights[base + c] * value;
  }
}

/**
 * The float64 reference of the sparse-row scatter: grad[support[k]·width + filters[a]] += scales[a]·values[k] for
 * a < count over example `example`'s entries. Each coordinate gets one term per example, so the order inside an
 * example does not change the numbers.
 *
 * @param grad - the gradient, rows of `width`, updated in place
 * @param width - coordinates per row
 * @param set - the examples
 * @param example - which example
 * @param filters - the columns (first `count` used)
 * @param scales - each column's scale
 * @param count - columns in use
 * @see Tang, Zhang, Cao & Zou, arXiv 2510.11354, Lemma A.5: the noise part σ'(⟨w_{j,r}, ξ_i⟩) ξ_i of the gradient
 */
export function scatterRowsImpl(
  grad: Float64Array,
  width: number,
  set: SparseExamples,
  example: number,
  filters: Int32Array,
  scales: Float64Array,
  count: number,
): void {
  const { support, values } = set;
  const end = set.offsets[example + 1];
  for (let k = set.offsets[example]; k < end; k++) {
    const base = support[k] * width;
    const value = values[k];
    for (let a = 0; a < count; a++) grad[base + filters[a]] += scales[a] * value;
  }
}

/**
 * Checks sparse rows against `size` coordinates before any kernel trusts them (the wasm kernel does not check an
 * index against its arrays): width a positive integer dividing size, offsets non-decreasing from 0 to at most the
 * entries, every row index in [0, size / width).
 *
 * @throws naming the first bad value and what is allowed
 */
export function checkSparseRows(size: number, rows: SparseRowsSetup): void {
  const { width } = rows;
  if (!Number.isInteger(width) || width < 1 || size % width !== 0)
    throw new Error(`rows.width must be a positive integer dividing size ${size}, got ${width}`);
  const count = size / width;
  rows.sets.forEach((set, s) => {
    const { offsets, support, values } = set;
    if (support.length !== values.length)
      throw new Error(`rows.sets[${s}]: support has ${support.length} entries and values ${values.length}`);
    for (let i = 0; i < offsets.length; i++) {
      const previous = i === 0 ? 0 : offsets[i - 1];
      if (!Number.isInteger(offsets[i]) || offsets[i] < previous || offsets[i] > support.length)
        throw new Error(
          `rows.sets[${s}].offsets[${i}] must be an integer in [${previous}, ${support.length}], got ${offsets[i]}`,
        );
    }
    for (let k = 0; k < support.length; k++)
      if (!Number.isInteger(support[k]) || support[k] < 0 || support[k] >= count)
        throw new Error(`rows.sets[${s}].support[${k}] must be a row index in [0, ${count}), got ${support[k]}`);
  });
}

/** Checks one call: `set` one of `sets`, `example` one of its `examples`, `count` at most `width`. */
function checkRowsCall(sets: number, examples: number | undefined, set: number, example: number, count = 0, width = 0) {
  if (examples === undefined || !Number.isInteger(set))
    throw new Error(`set must be an integer in [0, ${sets}), got ${set}`);
  if (!Number.isInteger(example) || example < 0 || example >= examples)
    throw new Error(`example must be an integer in [0, ${examples}), got ${example}`);
  if (!Number.isInteger(count) || count < 0 || count > width)
    throw new Error(`count must be an integer in [0, ${width}], got ${count}`);
}

/**
 * A backend's sparse-row passes with each call checked first (the set, the example, the count), so that a bad call
 * fails alike on every backend instead of reading other memory in the wasm kernel. Both backends return their
 * passes through it.
 *
 * @param rows - the setup the passes were made for
 * @param passes - the unchecked passes
 * @returns the same passes, checking their arguments
 * @throws on a bad call, naming the argument, its value and what is allowed
 */
export function checkedSparseRows(rows: SparseRowsSetup, passes: SparseRows): SparseRows {
  const examples = rows.sets.map((set) => Math.max(0, set.offsets.length - 1));
  return {
    width: passes.width,
    out: passes.out,
    filters: passes.filters,
    scales: passes.scales,
    gather(set, example) {
      checkRowsCall(examples.length, examples[set], set, example);
      passes.gather(set, example);
    },
    scatter(set, example, count) {
      checkRowsCall(examples.length, examples[set], set, example, count, passes.width);
      passes.scatter(set, example, count);
    },
  };
}

/**
 * Sparse-row passes of the float64 reference over `weights` and `grad` (the cpu backend's, and the wasm fallback),
 * for rows that {@link checkSparseRows} has passed.
 */
export function createSparseRowsCpu(weights: Float64Array, grad: Float64Array, rows: SparseRowsSetup): SparseRows {
  const { width, sets } = rows;
  const out = new Float64Array(width);
  const filters = new Int32Array(width);
  const scales = new Float64Array(width);
  return checkedSparseRows(rows, {
    width,
    out,
    filters,
    scales,
    gather: (set, example) => gatherRowsImpl(weights, width, sets[set], example, out),
    scatter: (set, example, count) => scatterRowsImpl(grad, width, sets[set], example, filters, scales, count),
  });
}
