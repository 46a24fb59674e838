import '@sgn/backend-cpu';
import '@sgn/backend-wasm';
import { BACKEND_NAMES, createRng, normalTensor, tf, useBackend } from '@sgn/tensor';

/** What `sgn backends` found for one backend. */
export interface BackendReport {
  name: string;
  usable: boolean;
  /** Milliseconds for one 256x256 matmul, the mean over 10 after a warm-up; null when not usable. */
  matmulMs: number | null;
  note: string;
}

const SIZE = 256;
const REPEATS = 10;

async function timeMatMul(): Promise<number> {
  const rng = createRng(0);
  const a = normalTensor(rng, [SIZE, SIZE]);
  const b = normalTensor(rng, [SIZE, SIZE]);
  try {
    await tf
      .tidy(() => tf.matMul(a, b))
      .data()
      .then(() => undefined);
    const start = performance.now();
    for (let i = 0; i < REPEATS; i++) {
      const c = tf.matMul(a, b);
      await c.data();
      c.dispose();
    }
    return (performance.now() - start) / REPEATS;
  } finally {
    a.dispose();
    b.dispose();
  }
}

/**
 * Tries every backend here: loads it, times a 256x256 matmul, and says why one is not usable.
 *
 * @returns one report per backend in {@link BACKEND_NAMES} order
 */
export async function probeBackends(): Promise<BackendReport[]> {
  const reports: BackendReport[] = [];
  for (const name of BACKEND_NAMES) {
    try {
      await useBackend(name);
      const ms = await timeMatMul();
      reports.push({ name, usable: true, matmulMs: ms, note: `${SIZE}x${SIZE} matmul, mean of ${REPEATS}` });
    } catch (error) {
      reports.push({ name, usable: false, matmulMs: null, note: (error as Error).message });
    }
  }
  return reports;
}

/** Formats the reports as an aligned table. */
export function formatBackendTable(reports: readonly BackendReport[]): string {
  const rows = reports.map((r) => [
    r.name,
    r.usable ? 'yes' : 'no',
    r.matmulMs === null ? '-' : r.matmulMs.toFixed(2),
    r.note,
  ]);
  const header = ['backend', 'usable', 'matmul ms', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i < cells.length - 1 ? cell.padEnd(widths[i]) : cell)).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}
