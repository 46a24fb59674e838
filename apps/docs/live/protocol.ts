import type { ExperimentOutput, LivePicture, SettingValue } from '@sgn/experiments';
import type { BackendName } from '@sgn/tensor';

/** What the page asks of the experiment worker (live/worker.ts). */
export type ToWorker =
  /** Run `experiment` at its live preset with these settings (text, as `sgn run --set`) and seed. */
  | { type: 'start'; experiment: string; overrides: Record<string, string>; seed: number; paused: boolean }
  | { type: 'pause' }
  | { type: 'resume' }
  /** While paused: run one unit of work (a restart, a run, a depth), then pause again. */
  | { type: 'step' }
  | { type: 'stop' }
  /** Time each backend once on a small fused workload (see probe.ts). */
  | { type: 'probe' }
  /** Start a backend now, before any run (its set-up is heavy: tfjs-wasm compiles its module). */
  | { type: 'prepare'; backend: string };

/** What the worker tells the page. */
export type FromWorker =
  | { type: 'started'; backend: BackendName; settings: Record<string, SettingValue> }
  | { type: 'progress'; done: number; total: number }
  | { type: 'paused'; done: number; total: number }
  | { type: 'resumed' }
  | { type: 'metrics'; record: Record<string, unknown> }
  /** The latest picture of each name the run drew since the last one posted (at most every PICTURE_INTERVAL ms). */
  | { type: 'pictures'; pictures: LivePicture[] }
  | { type: 'finished'; output: ExperimentOutput; seconds: number; stopped: boolean }
  | { type: 'prepared'; backend: string }
  | { type: 'probed'; milliseconds: Partial<Record<BackendName, number>>; failures: Record<string, string> }
  | { type: 'error'; message: string };
