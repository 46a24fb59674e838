/**
 * @sgn/backend-webgl: importing this module registers tfjs's WebGL backend under the name `webgl`, in browsers
 * only (tfjs registers nothing under Node, and `useBackend('webgl')` then says so). Activate it with
 * `useBackend('webgl')` from `@sgn/tensor`.
 * @packageDocumentation
 */
import '@tensorflow/tfjs-backend-webgl';

/** The name this package registers. */
export const backendName = 'webgl';
