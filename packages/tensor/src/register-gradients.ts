// Registers tfjs-core's gradients and chained ops (`x.add(y)`); tfjs-core's node entry registers neither. The build replaces the emitted file with a
// platform-neutral bundle of the same import, so that plain Node can load it; see scripts/bundle-gradients.mjs.
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops.js';
