import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { tf } from '@sgn/tensor';
import { cliFolder, readVersion } from './cli-version.js';

/** The sgn packages a run uses, whose versions it records. */
const PACKAGES = [
  '@sgn/tensor',
  '@sgn/backend-cpu',
  '@sgn/backend-wasm',
  '@sgn/data',
  '@sgn/models',
  '@sgn/optimizers',
  '@sgn/regularizers',
  '@sgn/theory',
  '@sgn/trainers',
  '@sgn/experiments',
] as const;

/** A package's version from its package.json, found from its resolved entry point (exports hide package.json). */
function installedVersion(name: string): string | null {
  try {
    let folder = dirname(createRequire(join(cliFolder, 'package.json')).resolve(name));
    for (let up = 0; up < 4; up++, folder = dirname(folder)) {
      const version = readVersion(join(folder, 'package.json'));
      if (version !== null) return version;
    }
  } catch {
    // not resolvable from here: recorded as null
  }
  return null;
}

/**
 * The versions a run records, read from the packages' own package.json files (never written out by hand): Node,
 * the sgn command, tfjs-core, and each sgn package.
 */
export function runVersions(): Record<string, unknown> {
  return {
    node: process.versions.node,
    sgn: readVersion(join(cliFolder, 'package.json')),
    tfjs: tf.version_core,
    packages: Object.fromEntries(PACKAGES.map((name) => [name, installedVersion(name)])),
  };
}

/** The git commit of the sgn code that runs, and whether its tree has uncommitted changes (null outside a checkout). */
export function gitState(): { commit: string | null; dirty: boolean | null } {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', cliFolder, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const commit = git('rev-parse', 'HEAD').trim();
    const dirty = git('status', '--porcelain', '--untracked-files=no').trim().length > 0;
    return { commit, dirty };
  } catch {
    return { commit: null, dirty: null };
  }
}

/**
 * Where and when a result was made: the commit (and a dirty tree), a UTC timestamp, the versions, the backend.
 * Written beside a run's result.json as provenance.json (result.json itself is a function of the settings and seed
 * alone, so that a resumed run's result equals an uninterrupted one's byte for byte) and into each check's result.
 *
 * @param backend - the backend that ran
 * @param versions - the versions, when the caller has read them already ({@link runVersions})
 */
export function provenance(
  backend: string,
  versions: Record<string, unknown> = runVersions(),
): Record<string, unknown> {
  return { ...gitState(), timestamp: new Date().toISOString(), versions, backend };
}
