import { fsyncFolder, removeOrphanedTemporaries } from './atomic-write.js';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from './usage-error.js';
import { markWorkBegun } from './interrupt.js';

/** One run's output folder, held under a lock, written in a fresh folder and swapped in when the run ends. */
export interface RunFolder {
  /** `<out>/<id>`: where the run's files are once it ends (and the previous run's until then). */
  folder: string;
  /** `<out>/.<id>.running`: where this run writes (checkpoints, then its outputs). */
  working: string;
  /** The checkpoint a resumed run continues from: the working folder's (a killed run's), else the folder's. */
  resumable(): string | undefined;
  /** Swaps the working folder in for the folder: the folder then holds this run's files only. */
  commit(): void;
  /** Gives the lock back (idempotent). */
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes `<out>/.<id>.lock` (O_EXCL), clearing a lock whose process is gone; refuses when a live run holds it. */
function takeLock(lock: string, folder: string): void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lock, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && alive(holder))
        throw new UsageError(
          `${folder} is in use by another sgn run (pid ${holder}); wait for it or choose another --out`,
        );
      rmSync(lock, { force: true }); // its run was killed: the lock is stale
    }
  }
  throw new UsageError(`${folder} could not be locked (${lock} keeps reappearing)`);
}

/**
 * Opens the folder of one run: one run per folder at a time (a second run on the same folder refuses in one line
 * naming the holder's pid), and the folder always holds one run's files. The run writes into a fresh working
 * folder; `commit` renames the old folder away and the working folder in (two renames: a crash between them
 * leaves both runs whole, in dot-folders, never mixed, and the next open puts the earlier run back), so an interrupted run never leaves files of two runs side
 * by side. A killed run's working folder keeps its checkpoint for `--resume`.
 *
 * @param out - the output root
 * @param id - the experiment id
 * @param resume - keep a killed run's working folder (its checkpoint) instead of starting it afresh
 */
export function openRunFolder(out: string, id: string, resume: boolean): RunFolder {
  const folder = join(out, id);
  const working = join(out, `.${id}.running`);
  const previous = join(out, `.${id}.previous`);
  const lock = join(out, `.${id}.lock`);
  markWorkBegun();
  takeLock(lock, folder);
  let held = true;
  const release = () => {
    if (held) rmSync(lock, { force: true });
    held = false;
  };
  try {
    const killed = join(working, 'checkpoint.json');
    const resumable = resume && existsSync(killed) ? killed : undefined;
    if (!resumable) rmSync(working, { recursive: true, force: true });
    // a run killed while it wrote its checkpoint left the write's temporary file beside it (we hold the lock)
    else removeOrphanedTemporaries(working);
    // a crash between commit's two renames left the earlier run as .previous and no folder: put it back
    if (!existsSync(folder) && existsSync(previous)) renameSync(previous, folder);
    rmSync(previous, { recursive: true, force: true });
    mkdirSync(working, { recursive: true });
    return {
      folder,
      working,
      resumable: () =>
        resumable ??
        (resume && existsSync(join(folder, 'checkpoint.json')) ? join(folder, 'checkpoint.json') : undefined),
      commit() {
        if (existsSync(folder)) renameSync(folder, previous);
        renameSync(working, folder);
        fsyncFolder(out);
        rmSync(previous, { recursive: true, force: true });
      },
      release,
    };
  } catch (error) {
    release();
    throw error;
  }
}
