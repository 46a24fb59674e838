/** Bytes of a wasm32 memory page. */
export const WASM_PAGE = 65_536;
/** The most pages wasm32 memory can hold (4 GiB). */
export const WASM_MAX_PAGES = 65_536;

/**
 * The RSetC step's two passes over float32 arrays laid out in one memory by the trainer (byte offsets):
 * `gather` copies a batch (indices `idx`, `count` of them) of the sets X [N, n] and labels Y into the transposed
 * batch xT [n, B], the set sums S [B] and labels y [B]; `step` computes, for k noise draws with a_ri = base_r +
 * w1 u_ri (own noise `own` [k, n]) and offsets b [k], the scores c0 aᵀx_j - c1 b_r, the soft-margin loss terms and
 * their gradients' row sums (float64, 5 per draw, at `out`), using P, T, U [B] as scratch.
 */
export interface RsetcStepPasses {
  gather(
    X: number,
    Y: number,
    idx: number,
    count: number,
    n: number,
    B: number,
    xT: number,
    S: number,
    y: number,
  ): void;
  step(
    own: number,
    xT: number,
    S: number,
    y: number,
    base: number,
    b: number,
    P: number,
    T: number,
    U: number,
    out: number,
    k: number,
    n: number,
    B: number,
    w1: number,
    c0: number,
    c1: number,
  ): void;
}

/**
 * The {@link RsetcStep} kernel: the passes over `memory` (ordinary, not shared), or null where the backend cannot
 * run them here (e.g. no WebAssembly SIMD).
 *
 * @see Cotta, Yehuda, Schuster & Maddison, NeurIPS 2023, RSetC and training (main.py)
 */
export type RsetcStepKernel = (memory: WebAssembly.Memory) => Promise<RsetcStepPasses | null>;
