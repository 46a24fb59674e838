// Small dense linear algebra for the exact lp solvers (supports and bases of a few columns).

/** Solves A z = b by Gaussian elimination with partial pivoting (A square, row-major); null when singular. */
export function solveSquare(a: number[][], b: number[]): number[] | null {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    if (Math.abs(m[pivot][col]) < 1e-10) return null;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    for (let r = col + 1; r < n; r++) {
      const factor = m[r][col] / m[col][col];
      for (let c = col; c <= n; c++) m[r][c] -= factor * m[col][c];
    }
  }
  const z = new Array(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let sum = m[r][n];
    for (let c = r + 1; c < n; c++) sum -= m[r][c] * z[c];
    z[r] = sum / m[r][r];
  }
  return z;
}

/** Every `count`-element subset of 0..size-1, in lexicographic order, as index arrays. */
export function* combinations(size: number, count: number, start = 0, prefix: number[] = []): Generator<number[]> {
  if (prefix.length === count) {
    yield prefix;
    return;
  }
  for (let i = start; i <= size - (count - prefix.length); i++) yield* combinations(size, count, i + 1, [...prefix, i]);
}

/**
 * The direction spanning the null space of `rows` (n - 1 vectors in R^n) when they have rank n - 1, scaled so its
 * largest entry in magnitude is +1 or -1 as it comes out of the elimination; null when the rank is lower.
 */
export function nullVector(rows: number[][], n: number): number[] | null {
  const m = rows.map((row) => row.slice());
  const pivots: number[] = [];
  let r = 0;
  for (let col = 0; col < n && r < m.length; col++) {
    let pivot = r;
    for (let i = r + 1; i < m.length; i++) if (Math.abs(m[i][col]) > Math.abs(m[pivot][col])) pivot = i;
    if (Math.abs(m[pivot][col]) < 1e-10) continue;
    [m[r], m[pivot]] = [m[pivot], m[r]];
    for (let i = 0; i < m.length; i++) {
      if (i === r) continue;
      const factor = m[i][col] / m[r][col];
      for (let c = col; c < n; c++) m[i][c] -= factor * m[r][c];
    }
    pivots.push(col);
    r++;
  }
  if (pivots.length !== n - 1) return null;
  const free = Array.from({ length: n }, (_, c) => c).find((c) => !pivots.includes(c)) as number;
  const z = new Array<number>(n).fill(0);
  z[free] = 1;
  pivots.forEach((col, i) => (z[col] = -m[i][free] / m[i][col]));
  const largest = z.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a), 0);
  return z.map((value) => value / Math.abs(largest));
}
