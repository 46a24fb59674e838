/**
 * @sgn/backend-cpu: importing this module registers tfjs's cpu backend (pure JavaScript) under the name `cpu`.
 * Activate it with `useBackend('cpu')` from `@sgn/tensor`. It also registers sgn's kernels for the cpu backend
 * (the float64 reference loops of `@sgn/backend-cpu/shared`), which engines find with `getSgnKernel`.
 *
 * Under Node it also sets tfjs's `PROD` flag, which silences the "install the node backend" banner the cpu backend
 * prints on first use: the native node backend downloads a library at install and is not what sgn uses.
 * @packageDocumentation
 */
import '@tensorflow/tfjs-backend-cpu';
import { isNode, tf } from '@sgn/tensor';
import './register-all.js';

if (isNode()) tf.env().set('PROD', true);

/** The name this package registers. */
export const backendName = 'cpu';
