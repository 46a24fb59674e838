/**
 * Finished runs shared by the experiments and checks of one invocation (e.g. one `sgn reproduce`), so that a
 * training both need runs once. Keys name everything the run's numbers depend on; a run that fails or stops early
 * is not kept. Make one per invocation with {@link createRunMemo}: it keeps every result until it is dropped.
 */
export type RunMemo = Map<string, Promise<unknown>>;

/** An empty {@link RunMemo}. */
export function createRunMemo(): RunMemo {
  return new Map();
}

/**
 * `run()`'s result, or the result of the finished run with the same key in `memo` (without `memo`, just `run()`).
 *
 * @param memo - the invocation's memo, if any
 * @param key - everything the result depends on
 * @param run - computes the result
 * @param finished - whether a result is complete (kept) or partial (dropped, e.g. after an abort)
 */
export function memoized<T>(
  memo: RunMemo | undefined,
  key: string,
  run: () => Promise<T>,
  finished: (result: T) => boolean,
): Promise<T> {
  if (!memo) return run();
  const known = memo.get(key) as Promise<T> | undefined;
  if (known) return known;
  const pending = run().then(
    (result) => {
      if (!finished(result)) memo.delete(key);
      return result;
    },
    (error: unknown) => {
      memo.delete(key);
      throw error;
    },
  );
  memo.set(key, pending);
  return pending;
}
