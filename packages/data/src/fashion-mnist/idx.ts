/**
 * The IDX format of the MNIST family (LeCun et al.; the same files ship Fashion-MNIST, Xiao, Rasul & Vollgraf,
 * arXiv 1708.07747): a big-endian header `0x00 0x00 <type> <rank>`, one uint32 per dimension, then the data row by
 * row. sgn reads and writes the unsigned-byte type (0x08) only, the type of every MNIST-family file.
 */

/** An unsigned-byte IDX array: its dimensions and its data, row-major. */
export interface IdxArray {
  readonly dims: readonly number[];
  readonly data: Uint8Array;
}

const UNSIGNED_BYTE = 0x08;

/**
 * Decodes an unsigned-byte IDX file (already gunzipped).
 *
 * @param bytes - the file's bytes
 * @param name - the file's name, for the error messages
 * @throws when the magic number, the type, the rank or the length does not match the format
 */
export function decodeIdx(bytes: Uint8Array, name: string): IdxArray {
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) {
    throw new Error(`${name} is not an IDX file: it must start with two zero bytes`);
  }
  if (bytes[2] !== UNSIGNED_BYTE) {
    throw new Error(`${name}: IDX data type 0x${bytes[2].toString(16)} is not supported (only unsigned bytes, 0x08)`);
  }
  const rank = bytes[3];
  const headerBytes = 4 + 4 * rank;
  if (rank < 1 || bytes.length < headerBytes) throw new Error(`${name}: IDX header of rank ${rank} is cut short`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i, false));
  const size = dims.reduce((product, dim) => product * dim, 1);
  if (bytes.length !== headerBytes + size) {
    throw new Error(
      `${name}: IDX dims ${dims.join('x')} need ${headerBytes + size} bytes, the file has ${bytes.length}`,
    );
  }
  return { dims, data: bytes.subarray(headerBytes) };
}

/**
 * Encodes an unsigned-byte IDX file (not gzipped): the inverse of {@link decodeIdx}, for writing fixtures.
 *
 * @param dims - the dimensions, e.g. `[count, 28, 28]` for images or `[count]` for labels
 * @param data - the values, row-major, `dims` multiplied out of them
 */
export function encodeIdx(dims: readonly number[], data: Uint8Array): Uint8Array {
  const size = dims.reduce((product, dim) => product * dim, 1);
  if (data.length !== size) throw new Error(`data has ${data.length} values, dims ${dims.join('x')} need ${size}`);
  const out = new Uint8Array(4 + 4 * dims.length + size);
  const view = new DataView(out.buffer);
  out[2] = UNSIGNED_BYTE;
  out[3] = dims.length;
  dims.forEach((dim, i) => view.setUint32(4 + 4 * i, dim, false));
  out.set(data, 4 + 4 * dims.length);
  return out;
}
