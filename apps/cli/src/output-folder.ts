import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from './usage-error.js';

/**
 * Makes sure the output folder exists and is writable, as a one-line usage error otherwise. Missing levels are
 * created one at a time (recursive mkdir loops forever on some virtual file systems, such as /proc).
 */
export function prepareOutputFolder(out: string): string {
  if (out.trim() === '') throw new UsageError('--out must name a folder, got ""');
  const folder = resolve(out);
  const missing: string[] = [];
  let existing = folder;
  while (!existsSync(existing) && dirname(existing) !== existing) {
    missing.unshift(existing);
    existing = dirname(existing);
  }
  try {
    for (const level of missing) mkdirSync(level);
    if (!statSync(folder).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    accessSync(folder, constants.W_OK);
  } catch (error) {
    throw new UsageError(
      `--out ${out} is not a writable folder (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  return folder;
}
