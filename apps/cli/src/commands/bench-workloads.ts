/** The workloads `sgn bench` times (kept apart from the bench itself so that `sgn --help` loads no tfjs). */
export const BENCH_WORKLOADS = [
  'lp',
  'deep-linear',
  'rsetc',
  'patch-cnn-1000',
  'patch-cnn-10000',
  'patch-cnn-1000-b100',
  'patch-cnn-10000-b100',
] as const;

/** One of {@link BENCH_WORKLOADS}. */
export type BenchWorkload = (typeof BENCH_WORKLOADS)[number];
