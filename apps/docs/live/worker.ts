// The experiment worker: runs a registered experiment of @sgn/experiments (the same definition, settings, engines
// and seeds as `sgn run`) off the page's main thread, so that the page never freezes. One run at a time.
import '@sgn/backend-cpu';
import '@sgn/backend-wasm';
import '@sgn/backend-webgl';
import { findExperiment, resolveSettings, type LivePicture } from '@sgn/experiments';
import { tf, useBackend, type BackendName } from '@sgn/tensor';
import { PAGE_BACKENDS, probeBackend } from './probe.js';
import type { FromWorker, ToWorker } from './protocol.js';

const post = (message: FromWorker) => (self as unknown as Worker).postMessage(message);

let controller: AbortController | null = null;
/** While paused: settles the wait in beforeUnit (resume, step or stop). */
let gate: (() => void) | null = null;
let paused = false;
let stepOnce = false;

/**
 * Pictures are posted at most this often: a run draws one at every read-out (the directional run ~600, each with
 * its whole path), and the page redraws at most every 200 ms anyway. The latest of each name is kept.
 */
const PICTURE_INTERVAL = 100;
const pendingPictures = new Map<string, LivePicture>();
let pictureTimer: ReturnType<typeof setTimeout> | null = null;

function postPictures(): void {
  if (pictureTimer) clearTimeout(pictureTimer);
  pictureTimer = null;
  if (pendingPictures.size === 0) return;
  post({ type: 'pictures', pictures: [...pendingPictures.values()] });
  pendingPictures.clear();
}

function queuePicture(picture: LivePicture): void {
  pendingPictures.set(picture.plot.name, picture);
  pictureTimer ??= setTimeout(postPictures, PICTURE_INTERVAL);
}

/** Awaited before each unit: passes at once unless paused; a step lets exactly one unit through. */
async function beforeUnit(done: number, total: number): Promise<void> {
  while (paused && !controller?.signal.aborted) {
    post({ type: 'paused', done, total });
    await new Promise<void>((release) => (gate = release));
  }
  // a step: this unit runs, the next one waits
  if (stepOnce) {
    stepOnce = false;
    paused = true;
  }
}

function release(): void {
  const open = gate;
  gate = null;
  open?.();
}

async function start(message: Extract<ToWorker, { type: 'start' }>): Promise<void> {
  const experiment = findExperiment(message.experiment);
  const settings = resolveSettings(experiment, 'live', message.overrides);
  controller = new AbortController();
  paused = message.paused;
  stepOnce = false;
  const started = performance.now();
  try {
    // the harness activates the backend again in run(): here first, to say which one runs before anything does
    const backend = await useBackend(String(settings.backend));
    tf.env().set('PROD', true); // no debug checks of tfjs
    post({ type: 'started', backend, settings });
    const run = experiment.run(settings, {
      seed: message.seed,
      signal: controller.signal,
      beforeUnit,
      onProgress: (done, total) => post({ type: 'progress', done, total }),
      onMetrics: (record) => post({ type: 'metrics', record }),
      onPicture: queuePicture,
    });
    const output = await run;
    postPictures();
    post({
      type: 'finished',
      output,
      seconds: (performance.now() - started) / 1000,
      stopped: !output.complete,
    });
  } finally {
    pendingPictures.clear();
    controller = null;
    gate = null;
  }
}

/**
 * Starts a backend before any run: compiling tfjs-wasm's module takes every core for up to a second, which would
 * otherwise starve the page in a run's first frames. A backend that fails here fails again, with its message, in
 * the run.
 */
async function prepare(backend: string): Promise<void> {
  try {
    await useBackend(backend);
  } catch {
    // reported by the run that uses it
  }
  post({ type: 'prepared', backend });
}

async function probe(): Promise<void> {
  const milliseconds: Partial<Record<BackendName, number>> = {};
  const failures: Record<string, string> = {};
  for (const backend of PAGE_BACKENDS) {
    try {
      milliseconds[backend] = await probeBackend(backend);
    } catch (error) {
      failures[backend] = (error as Error).message;
    }
  }
  post({ type: 'probed', milliseconds, failures });
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  const fail = (error: unknown) => post({ type: 'error', message: (error as Error).message ?? String(error) });
  switch (message.type) {
    case 'start':
      start(message).catch(fail);
      break;
    case 'probe':
      probe().catch(fail);
      break;
    case 'prepare':
      prepare(message.backend).catch(fail);
      break;
    case 'pause':
      paused = true;
      break;
    case 'resume':
      paused = false;
      post({ type: 'resumed' });
      release();
      break;
    case 'step':
      paused = false;
      stepOnce = true;
      release();
      break;
    case 'stop':
      controller?.abort();
      release();
      break;
  }
};
