/** tfjs's tfjs-backend-wasm.wasm, base64 (written into dist/embedded/ by scripts/build-kernels.mjs). */
export declare const wasm: string;
