import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { markWorkBegun } from './interrupt.js';

/**
 * Flushes a folder's entries (a rename or a new file in it) to disk: after a crash the folder shows the new name,
 * not the old one or none.
 *
 * @param folder - the folder
 */
export function fsyncFolder(folder: string): void {
  const descriptor = openSync(folder, 'r');
  try {
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

/** The names of {@link writeFileAtomic}'s temporary files: `.<name>.<16 hex digits>.tmp`. */
const TEMPORARY = /^\..+\.[0-9a-f]{16}\.tmp$/;

/**
 * Removes the temporary files that {@link writeFileAtomic} left in a folder when its process was killed between
 * creating one and renaming it (a SIGKILL in the middle of a checkpoint's write). Call it only while holding the
 * folder's lock: a live writer's temporary file would be removed under it.
 *
 * @param folder - the folder
 * @returns the names removed
 */
export function removeOrphanedTemporaries(folder: string): string[] {
  const orphans = readdirSync(folder).filter((name) => TEMPORARY.test(name));
  for (const name of orphans) rmSync(join(folder, name), { force: true });
  return orphans;
}

/**
 * Writes a file atomically and durably: the content goes to a fresh temporary file in the same folder, created
 * with O_EXCL under an unpredictable name (so it never follows a planted symlink or reuses another writer's file),
 * flushed with fsync, renamed over the target, and the folder is flushed too. A reader, an interrupted run or a
 * crash sees the old file or the new one, never a half-written one.
 *
 * @param path - the target file; its folder is created when missing
 * @param content - the text to write
 */
export function writeFileAtomic(path: string, content: string): void {
  markWorkBegun();
  const folder = dirname(path);
  mkdirSync(folder, { recursive: true });
  const temporary = join(folder, `.${basename(path)}.${randomBytes(8).toString('hex')}.tmp`);
  // 'wx': O_CREAT | O_EXCL (fails on any existing entry, a symlink included)
  const descriptor = openSync(temporary, 'wx', 0o644);
  try {
    try {
      writeSync(descriptor, content);
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  fsyncFolder(folder);
}
