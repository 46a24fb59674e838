import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This command's package folder (apps/cli in the repository; the installed package otherwise). */
export const cliFolder = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The `version` of a package.json, or null when it cannot be read. */
export function readVersion(packageJson: string): string | null {
  try {
    return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version?: string }).version ?? null;
  } catch {
    return null;
  }
}

/** This command's version, from its package.json. */
export function cliVersion(): string {
  return readVersion(join(cliFolder, 'package.json')) ?? 'unknown';
}
