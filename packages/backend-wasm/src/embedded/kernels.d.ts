/** sgn's kernels by name (`adam-pass`, `rsetc-step`, `sparse-rows`, and `-shared` variants), base64 (written into dist/embedded/ by scripts/build-kernels.mjs). */
export declare const kernels: Record<string, string>;
