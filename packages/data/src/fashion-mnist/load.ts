import type * as NodeFs from 'node:fs';
import type * as NodePath from 'node:path';
import type * as NodeZlib from 'node:zlib';
import { createRng, requirePositiveIntegers } from '@sgn/tensor';
import { decodeIdx } from './idx.js';

/**
 * Node's file, path and zlib modules, taken at call time rather than imported, so that a bundle for the browser
 * that contains this module (the experiments' registry does) builds and loads; calling the loader there fails here.
 */
function nodeModules(): { fs: typeof NodeFs; path: typeof NodePath; zlib: typeof NodeZlib } {
  const runtime = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  if (typeof runtime?.getBuiltinModule !== 'function') {
    throw new Error('Fashion-MNIST is read from files: it loads under Node (20.16 or later), not in a browser');
  }
  return {
    fs: runtime.getBuiltinModule('node:fs') as typeof NodeFs,
    path: runtime.getBuiltinModule('node:path') as typeof NodePath,
    zlib: runtime.getBuiltinModule('node:zlib') as typeof NodeZlib,
  };
}

/** Where Debian's `dataset-fashion-mnist` package puts the four files. */
export const FASHION_MNIST_DEBIAN_DIR = '/usr/share/datasets/fashion-mnist';

/** The environment variable that names another folder with the four files. */
export const FASHION_MNIST_ENV = 'SGN_FASHION_MNIST';

/** The ten classes, in label order (Xiao, Rasul & Vollgraf, arXiv 1708.07747, Table 1). */
export const FASHION_MNIST_CLASSES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
] as const;

const FILES = {
  train: { images: 'train-images-idx3-ubyte.gz', labels: 'train-labels-idx1-ubyte.gz' },
  test: { images: 't10k-images-idx3-ubyte.gz', labels: 't10k-labels-idx1-ubyte.gz' },
} as const;

/** Options of {@link loadFashionMnist}. */
export interface FashionMnistOptions {
  /** `'train'` (60000 images) or `'test'` (10000), the dataset's standard split. */
  readonly split: 'train' | 'test';
  /** The folder with the four `.gz` files; default: `$SGN_FASHION_MNIST`, else Debian's folder. */
  readonly dir?: string;
  /** Keep this many images, drawn without replacement (seeded); default: all of the split, in file order. */
  readonly count?: number;
  /** The seed of the subset draw (needed with `count`). */
  readonly seed?: number;
}

/** A Fashion-MNIST split: `count` images of `rows` x `cols` pixels scaled to [0, 1], and their labels 0-9. */
export interface FashionMnist {
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
  /** `count * rows * cols` pixel values in [0, 1] (byte / 255), image by image, row-major. */
  readonly images: Float32Array;
  /** `count` labels in 0-9 (see {@link FASHION_MNIST_CLASSES}). */
  readonly labels: Uint8Array;
  /** Where the images came from in the split's file (subset order), for provenance. */
  readonly indices: readonly number[];
  /** The folder the files were read from. */
  readonly dir: string;
}

/**
 * The folder holding Fashion-MNIST: `dir` if given, else `$SGN_FASHION_MNIST`, else Debian's
 * `/usr/share/datasets/fashion-mnist`.
 *
 * @throws naming the folder it looked in, the package to install and the variable to set, when a file is missing
 */
export function fashionMnistDir(dir?: string): string {
  const { fs, path } = nodeModules();
  const chosen = dir ?? process.env[FASHION_MNIST_ENV] ?? FASHION_MNIST_DEBIAN_DIR;
  const missing = [...Object.values(FILES.train), ...Object.values(FILES.test)].filter(
    (file) => !fs.existsSync(path.join(chosen, file)),
  );
  if (missing.length > 0) {
    throw new Error(
      `Fashion-MNIST not found in ${chosen} (missing ${missing.join(', ')}): install Debian's package ` +
        `(apt-get install dataset-fashion-mnist) or set ${FASHION_MNIST_ENV} to a folder with the four idx .gz files`,
    );
  }
  return chosen;
}

/**
 * Reads a split of Fashion-MNIST from the gzipped IDX files (Node only), checking the headers: images
 * `count x 28 x 28`-shaped unsigned bytes, as many labels as images, every label in 0-9. With `count`, a seeded
 * subset drawn without replacement from the whole split (`createRng(seed).choice`).
 *
 * @see Xiao, Rasul & Vollgraf, "Fashion-MNIST", arXiv 1708.07747
 * @example
 * ```ts
 * const train = loadFashionMnist({ split: 'train', count: 2000, seed: 0 });
 * train.images.length; // 2000 * 784
 * ```
 */
export function loadFashionMnist(options: FashionMnistOptions): FashionMnist {
  const { split } = options;
  if (split !== 'train' && split !== 'test') throw new Error(`split must be "train" or "test", got "${String(split)}"`);
  const dir = fashionMnistDir(options.dir);
  const { fs, path, zlib } = nodeModules();
  const read = (file: string) => decodeIdx(zlib.gunzipSync(fs.readFileSync(path.join(dir, file))), file);
  const images = read(FILES[split].images);
  const labels = read(FILES[split].labels);
  if (images.dims.length !== 3) throw new Error(`${FILES[split].images}: expected rank 3, got ${images.dims.length}`);
  if (labels.dims.length !== 1) throw new Error(`${FILES[split].labels}: expected rank 1, got ${labels.dims.length}`);
  const [total, rows, cols] = images.dims;
  if (labels.dims[0] !== total) {
    throw new Error(`${split}: ${total} images but ${labels.dims[0]} labels`);
  }
  const bad = labels.data.findIndex((label) => label > 9);
  if (bad >= 0) throw new Error(`${FILES[split].labels}: label ${labels.data[bad]} at ${bad} is not in 0-9`);

  let indices: number[];
  if (options.count === undefined) {
    indices = Array.from({ length: total }, (_, i) => i);
  } else {
    requirePositiveIntegers({ count: options.count });
    if (options.count > total)
      throw new Error(`count must be at most ${total} (the ${split} split), got ${options.count}`);
    if (options.seed === undefined) throw new Error('seed is needed with count (the subset is drawn at random)');
    indices = createRng(options.seed).choice(total, options.count);
  }
  const pixels = rows * cols;
  const out = new Float32Array(indices.length * pixels);
  const outLabels = new Uint8Array(indices.length);
  indices.forEach((source, i) => {
    const image = images.data.subarray(source * pixels, (source + 1) * pixels);
    for (let p = 0; p < pixels; p++) out[i * pixels + p] = image[p] / 255;
    outLabels[i] = labels.data[source];
  });
  return { count: indices.length, rows, cols, images: out, labels: outLabels, indices, dir };
}
