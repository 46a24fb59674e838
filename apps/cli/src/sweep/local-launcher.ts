import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { markWorkBegun } from '../interrupt.js';

/** One run of a sweep: the `sgn run` arguments and where its log goes. */
export interface SweepTask {
  args: string[];
  log: string;
}

/** How a task ended: its exit status (130 when stopped by Ctrl-C). */
export interface TaskOutcome {
  task: SweepTask;
  status: number;
}

/** The built `sgn` entry point (dist/bin.js) that every launcher's tasks run. */
export const sgnBin = fileURLToPath(new URL('../bin.js', import.meta.url));

function runTask(task: SweepTask, cwd: string, children: Set<ReturnType<typeof spawn>>): Promise<number> {
  markWorkBegun();
  mkdirSync(dirname(task.log), { recursive: true });
  const log = openSync(task.log, 'w');
  return new Promise((resolve) => {
    // its own process group: a terminal Ctrl-C reaches the sweep, which stops each child with SIGINT itself
    const child = spawn(process.execPath, [sgnBin, ...task.args], { cwd, stdio: ['ignore', log, log], detached: true });
    children.add(child);
    child.once('error', () => resolve(1));
    child.once('close', (status, signal) => {
      children.delete(child);
      closeSync(log);
      resolve(status ?? (signal === 'SIGINT' ? 130 : 1));
    });
  });
}

/**
 * The local launcher: runs the tasks on a pool of `jobs` worker processes (each task is `sgn run` in its own
 * process), in order, a new one starting as one ends. A task that fails is reported and the others go on. On the
 * abort signal no new task starts and each running one gets SIGINT, so it saves its partial result and stops
 * within a second; finished runs are untouched.
 *
 * @param tasks - the pending runs
 * @param jobs - processes at once (the core count by default in `sgn sweep`)
 * @param cwd - the folder the runs' arguments are relative to (the sweep folder)
 * @param signal - Ctrl-C
 * @param onDone - called as each task ends
 * @returns every task's outcome, in the order they ended
 */
export async function runLocal(
  tasks: readonly SweepTask[],
  jobs: number,
  cwd: string,
  signal: AbortSignal | undefined,
  onDone: (outcome: TaskOutcome) => void,
): Promise<TaskOutcome[]> {
  const children = new Set<ReturnType<typeof spawn>>();
  const stop = () => children.forEach((child) => child.kill('SIGINT'));
  signal?.addEventListener('abort', stop);
  const outcomes: TaskOutcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < tasks.length && !signal?.aborted) {
      const task = tasks[next++];
      const outcome = { task, status: await runTask(task, cwd, children) };
      outcomes.push(outcome);
      onDone(outcome);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(jobs, tasks.length) }, worker));
  } finally {
    signal?.removeEventListener('abort', stop);
  }
  return outcomes;
}
