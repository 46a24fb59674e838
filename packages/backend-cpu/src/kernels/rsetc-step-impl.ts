import type { RsetcStepPasses } from '@sgn/tensor';

/**
 * The RSetC step's batch gather over `buffer` (byte offsets as `RsetcStepPasses.gather`): column j < count of
 * xT [n, B] is row idx[j] of X [N, n], S[j] its sum (in float64, rounded once to float32) and y[j] = Y[idx[j]];
 * columns count..B-1 are zero (padding).
 */
export function rsetcGatherImpl(
  buffer: ArrayBufferLike,
  ...[X, Y, idx, count, n, B, xT, S, y]: Parameters<RsetcStepPasses['gather']>
): void {
  const f32 = new Float32Array(buffer);
  const i32 = new Int32Array(buffer);
  for (let j = 0; j < B; j++) {
    const from = j < count ? i32[idx / 4 + j] : -1;
    f32[y / 4 + j] = from >= 0 ? f32[Y / 4 + from] : 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const value = from >= 0 ? f32[X / 4 + from * n + i] : 0;
      f32[xT / 4 + i * B + j] = value;
      total += value;
    }
    f32[S / 4 + j] = total;
  }
}

/**
 * The RSetC step (affine noise networks, q = 1) over `buffer`, in float64 from the float32 inputs: for noise draw
 * r and batch column j, p_rj = Σ_i own_ri x_ji, aᵀx_j = base_r S_j + w1 p_rj, s = c0 aᵀx_j - c1 b_r, t = tanh s,
 * z = y_j t, loss term |y_j| softplus(-z) = |y_j| (log(1 + e^z) - z), g = dℓ/ds = -y_j σ(-z) (1 - t²); per draw
 * the row sums Σ loss, Σ g, Σ g S_j, Σ g p_rj, Σ g aᵀx_j as float64 at out + 40 r. Padding columns (y_j = 0) add
 * nothing. The scratch P, T, U is not used. The reference the wasm kernel (float32, polynomial e^x and log) is
 * tested against.
 *
 * @see Cotta, Yehuda, Schuster & Maddison, NeurIPS 2023, RSetC and training (main.py)
 */
export function rsetcStepImpl(
  buffer: ArrayBufferLike,
  ...[own, xT, S, y, base, b, , , , out, k, n, B, w1, c0, c1]: Parameters<RsetcStepPasses['step']>
): void {
  const f32 = new Float32Array(buffer);
  const sums = new Float64Array(buffer, out, 5 * k);
  // the wasm kernel takes w1, c0, c1 as float32: the reference rounds them the same way
  const [W1, C0, C1] = [Math.fround(w1), Math.fround(c0), Math.fround(c1)];
  // element offsets (the arguments are byte offsets), hoisted out of the loops
  const [ownAt, xTAt, SAt, yAt] = [own / 4, xT / 4, S / 4, y / 4];
  for (let r = 0; r < k; r++) {
    const [baseR, offset] = [f32[base / 4 + r], C1 * f32[b / 4 + r]];
    const row = ownAt + r * n;
    let [loss, gSum, gS, gP, gA] = [0, 0, 0, 0, 0];
    for (let j = 0; j < B; j++) {
      const label = f32[yAt + j];
      if (label === 0) continue;
      let p = 0;
      for (let i = 0, at = xTAt + j; i < n; i++, at += B) p += f32[row + i] * f32[at];
      const sj = f32[SAt + j];
      const ax = baseR * sj + W1 * p;
      const t = Math.tanh(C0 * ax - offset);
      const z = label * t;
      const ez = Math.exp(z);
      const g = (-label / (1 + ez)) * (1 - t * t);
      loss += Math.abs(label) * (Math.log1p(ez) - z);
      gSum += g;
      gS += g * sj;
      gP += g * p;
      gA += g * ax;
    }
    sums.set([loss, gSum, gS, gP, gA], 5 * r);
  }
}
