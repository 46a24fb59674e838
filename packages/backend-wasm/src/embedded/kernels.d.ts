/** sgn's kernels by name (`adam-pass`, `adam-pass-shared`, `rsetc-step`), base64 (written into dist/embedded/ by scripts/build-kernels.mjs). */
export declare const kernels: Record<string, string>;
