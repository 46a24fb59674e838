/**
 * @sgn/data/fashion-mnist: Fashion-MNIST from the gzipped IDX files of Debian's `dataset-fashion-mnist` (Node
 * only: it reads files; the rest of @sgn/data runs in browsers too).
 * @packageDocumentation
 */
export {
  FASHION_MNIST_CLASSES,
  FASHION_MNIST_DEBIAN_DIR,
  FASHION_MNIST_ENV,
  fashionMnistDir,
  loadFashionMnist,
} from './load.js';
export type { FashionMnist, FashionMnistOptions } from './load.js';
export { decodeIdx, encodeIdx } from './idx.js';
export type { IdxArray } from './idx.js';
