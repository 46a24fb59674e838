import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createRng } from '@sgn/tensor';
import {
  FASHION_MNIST_DEBIAN_DIR,
  decodeIdx,
  encodeIdx,
  fashionMnistDir,
  loadFashionMnist,
} from '@sgn/data/fashion-mnist';
import { afterAll, describe, expect, it } from 'vitest';

const scratch = mkdtempSync(join(tmpdir(), 'sgn-fmnist-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A fixture in the dataset's own format: `count` 3x2 images whose pixel p of image i is 10 i + p, labels i mod 10. */
function writeFixture(dir: string, count: { train: number; test: number }, labelOf = (i: number) => i % 10): void {
  for (const [split, n] of Object.entries(count)) {
    const prefix = split === 'train' ? 'train' : 't10k';
    const pixels = Uint8Array.from({ length: n * 6 }, (_, k) => 10 * Math.floor(k / 6) + (k % 6));
    const labels = Uint8Array.from({ length: n }, (_, i) => labelOf(i));
    writeFileSync(join(dir, `${prefix}-images-idx3-ubyte.gz`), gzipSync(encodeIdx([n, 3, 2], pixels)));
    writeFileSync(join(dir, `${prefix}-labels-idx1-ubyte.gz`), gzipSync(encodeIdx([n], labels)));
  }
}

describe('the IDX format', () => {
  it('writes the header by hand: 0 0 type rank, big-endian dims, then the bytes', () => {
    const bytes = encodeIdx([2, 1, 3], Uint8Array.of(1, 2, 3, 4, 5, 6));
    // 0x00000803 = unsigned bytes, rank 3; dims 2, 1, 3 as big-endian uint32
    expect(Array.from(bytes)).toEqual([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6]);
    const back = decodeIdx(bytes, 'x');
    expect(back.dims).toEqual([2, 1, 3]);
    expect(Array.from(back.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('reads a dimension above 2^16 big-endian (60000 = 0x0000EA60)', () => {
    const header = Uint8Array.of(0, 0, 8, 1, 0, 0, 0xea, 0x60);
    const bytes = new Uint8Array(header.length + 60000);
    bytes.set(header);
    expect(decodeIdx(bytes, 'x').dims).toEqual([60000]);
  });

  it('names the file and the defect of a malformed one', () => {
    expect(() => decodeIdx(Uint8Array.of(1, 0, 8, 1), 'a.idx')).toThrow('a.idx is not an IDX file');
    expect(() => decodeIdx(Uint8Array.of(0, 0, 0x0d, 1, 0, 0, 0, 1, 0, 0, 0, 0), 'f.idx')).toThrow(
      'f.idx: IDX data type 0xd is not supported',
    );
    expect(() => decodeIdx(Uint8Array.of(0, 0, 8, 1, 0, 0, 0, 3, 7, 7), 'short.idx')).toThrow(
      'short.idx: IDX dims 3 need 11 bytes, the file has 10',
    );
  });
});

describe('loadFashionMnist on a fixture it writes itself', () => {
  const dir = join(scratch, 'fixture');
  mkdirSync(dir);
  writeFixture(dir, { train: 12, test: 5 });

  it('reads every image of a split in file order, pixels scaled by 1/255, with their labels', () => {
    const test = loadFashionMnist({ split: 'test', dir });
    expect([test.count, test.rows, test.cols]).toEqual([5, 3, 2]);
    // image 4, pixel 5: byte 45
    expect(test.images[4 * 6 + 5]).toBeCloseTo(45 / 255, 7);
    expect(test.images[0]).toBe(0);
    expect(Array.from(test.labels)).toEqual([0, 1, 2, 3, 4]);
    expect(test.indices).toEqual([0, 1, 2, 3, 4]);
  });

  it('draws a seeded subset without replacement: the images follow their indices', () => {
    const a = loadFashionMnist({ split: 'train', dir, count: 7, seed: 3 });
    expect(a.indices).toEqual(createRng(3).choice(12, 7));
    expect(new Set(a.indices).size).toBe(7);
    a.indices.forEach((source, i) => {
      expect(a.labels[i]).toBe(source % 10);
      expect(a.images[i * 6 + 1]).toBeCloseTo((10 * source + 1) / 255, 7);
    });
    expect(loadFashionMnist({ split: 'train', dir, count: 7, seed: 3 }).indices).toEqual(a.indices);
    expect(loadFashionMnist({ split: 'train', dir, count: 7, seed: 4 }).indices).not.toEqual(a.indices);
  });

  it('rejects bad options with one line naming the option', () => {
    expect(() => loadFashionMnist({ split: 'train', dir, count: 13, seed: 0 })).toThrow(
      'count must be at most 12 (the train split), got 13',
    );
    expect(() => loadFashionMnist({ split: 'train', dir, count: 0, seed: 0 })).toThrow(
      'count must be a positive integer, got 0',
    );
    expect(() => loadFashionMnist({ split: 'train', dir, count: 3 })).toThrow('seed is needed with count');
    expect(() => loadFashionMnist({ split: 'valid' as 'train', dir })).toThrow(
      'split must be "train" or "test", got "valid"',
    );
  });

  it('rejects a label outside 0-9 and a label count that differs from the image count', () => {
    const bad = join(scratch, 'bad-label');
    mkdirSync(bad);
    writeFixture(bad, { train: 3, test: 2 }, (i) => (i === 2 ? 10 : i));
    expect(() => loadFashionMnist({ split: 'train', dir: bad })).toThrow(
      'train-labels-idx1-ubyte.gz: label 10 at 2 is not in 0-9',
    );
    writeFileSync(join(bad, 't10k-labels-idx1-ubyte.gz'), gzipSync(encodeIdx([3], Uint8Array.of(0, 1, 2))));
    expect(() => loadFashionMnist({ split: 'test', dir: bad })).toThrow('test: 2 images but 3 labels');
  });

  it('finds the folder from the option, then SGN_FASHION_MNIST, and names the package when it is missing', () => {
    const empty = join(scratch, 'empty');
    mkdirSync(empty);
    expect(() => fashionMnistDir(empty)).toThrow(
      `Fashion-MNIST not found in ${empty} (missing train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, ` +
        "t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz): install Debian's package (apt-get install " +
        'dataset-fashion-mnist) or set SGN_FASHION_MNIST to a folder with the four idx .gz files',
    );
    const saved = process.env.SGN_FASHION_MNIST;
    try {
      process.env.SGN_FASHION_MNIST = dir;
      expect(fashionMnistDir()).toBe(dir);
      expect(loadFashionMnist({ split: 'test' }).count).toBe(5);
    } finally {
      if (saved === undefined) delete process.env.SGN_FASHION_MNIST;
      else process.env.SGN_FASHION_MNIST = saved;
    }
  });
});

describe("loadFashionMnist on Debian's files (dataset-fashion-mnist, installed by scripts/setup.sh)", () => {
  it('reads the standard split: 60000 + 10000 images of 28 x 28, 6000 and 1000 of each class', () => {
    const train = loadFashionMnist({ split: 'train', dir: FASHION_MNIST_DEBIAN_DIR });
    const test = loadFashionMnist({ split: 'test', dir: FASHION_MNIST_DEBIAN_DIR });
    expect([train.count, train.rows, train.cols, test.count]).toEqual([60000, 28, 28, 10000]);
    const perClass = (labels: Uint8Array) => Array.from({ length: 10 }, (_, c) => labels.filter((l) => l === c).length);
    expect(perClass(train.labels)).toEqual(Array(10).fill(6000));
    expect(perClass(test.labels)).toEqual(Array(10).fill(1000));
    // the first four labels of each file, read independently with `zcat ... | od -t u1 -j 8 -N 4`
    expect(Array.from(train.labels.subarray(0, 4))).toEqual([9, 0, 0, 3]);
    expect(Array.from(test.labels.subarray(0, 4))).toEqual([9, 2, 1, 1]);
    let low = Infinity;
    let high = -Infinity;
    for (const v of train.images) {
      if (v < low) low = v;
      if (v > high) high = v;
    }
    expect([low, high]).toEqual([0, 1]);
  }, 60_000);
});
