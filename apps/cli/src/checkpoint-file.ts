import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Checkpoint } from '@sgn/experiments';
import { UsageError } from './usage-error.js';

/** What checkpoint.json holds: the run's identity, the finished units, and a hash of both. */
interface CheckpointFile {
  identity: unknown;
  checkpoint: Checkpoint;
  sha256: string;
}

function digest(identity: unknown, checkpoint: Checkpoint): string {
  return createHash('sha256').update(JSON.stringify({ identity, checkpoint })).digest('hex');
}

/** The text of checkpoint.json for a run's identity and finished units, with the SHA-256 of their JSON. */
export function checkpointText(identity: unknown, checkpoint: Checkpoint): string {
  const file: CheckpointFile = { identity, checkpoint, sha256: digest(identity, checkpoint) };
  return JSON.stringify(file);
}

/**
 * Reads and validates a checkpoint before it is trusted: it must parse, carry a SHA-256 that matches its content
 * (so an edited or damaged file is refused), have been written for this very run (experiment, preset, seed,
 * settings, backend) and hold a list of finished units. Each failure is one usage error naming the file.
 *
 * @param path - checkpoint.json
 * @param identity - the run about to resume
 * @returns the finished units
 */
export function readCheckpoint(path: string, identity: unknown): Checkpoint {
  const refuse = (why: string): never => {
    throw new UsageError(`--resume: ${path} ${why}; rerun without --resume`);
  };
  let file: Partial<CheckpointFile>;
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as Partial<CheckpointFile>;
  } catch {
    return refuse('is not valid JSON');
  }
  if (file === null || typeof file !== 'object' || Array.isArray(file)) return refuse('is not a checkpoint object');
  const units = (file.checkpoint as { units?: unknown } | undefined)?.units;
  if (!Array.isArray(units)) return refuse('holds no list of finished units');
  if (typeof file.sha256 !== 'string') return refuse('carries no integrity hash (sha256)');
  if (digest(file.identity, file.checkpoint as Checkpoint) !== file.sha256)
    return refuse('does not match its integrity hash (edited or damaged)');
  if (JSON.stringify(file.identity) !== JSON.stringify(identity))
    return refuse('was written with other settings, seed or backend');
  if (units.some((unit) => unit === null || typeof unit !== 'object'))
    return refuse('holds a finished unit that is not an object');
  return { units };
}
