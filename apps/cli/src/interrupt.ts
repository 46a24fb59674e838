/**
 * Whether the command has begun work whose results it must save or print (a run folder, a result file, a sweep's
 * processes, a check). Until it has, Ctrl-C exits at once with 130: there is nothing to save, and a run still
 * loading its modules would otherwise finish loading first (up to ~0.8 s here) before it could stop. From then on
 * Ctrl-C stops the work cleanly and saves or prints what it finished.
 */
let begun = false;

/** Marks that the command has begun its work; Ctrl-C then stops it cleanly instead of exiting at once. */
export function markWorkBegun(): void {
  begun = true;
}

/** Whether {@link markWorkBegun} was called. */
export function workBegun(): boolean {
  return begun;
}
