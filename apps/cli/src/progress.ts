import { SingleBar } from 'cli-progress';

/** Reports progress: a bar with rate and ETA on a terminal, plain periodic lines otherwise. */
export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

/**
 * Creates a progress reporter for one labelled task.
 *
 * @param label - shown before the bar or line
 * @param stream - where to write (stderr)
 * @param interactive - a TTY: draw a bar (default: stream.isTTY)
 */
export function createProgress(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
  interactive = Boolean(stream.isTTY),
): Progress {
  if (interactive) {
    const bar = new SingleBar({
      format: `${label} [{bar}] {value}/{total} | {eta_formatted} left`,
      stream,
      hideCursor: true,
    });
    let started = false;
    return {
      update(done, total) {
        if (!started) {
          bar.start(total, done);
          started = true;
        } else bar.update(done);
      },
      stop: () => bar.stop(),
    };
  }
  const start = Date.now();
  let lastPrint = 0;
  return {
    update(done, total) {
      const now = Date.now();
      if (done === total || done === 0 || now - lastPrint > 10_000) {
        lastPrint = now;
        const seconds = (now - start) / 1000;
        const eta = done > 0 ? ((total - done) * seconds) / done : Number.NaN;
        stream.write(
          `${label}: ${done}/${total} after ${seconds.toFixed(0)} s${Number.isFinite(eta) ? `, about ${eta.toFixed(0)} s left` : ''}\n`,
        );
      }
    },
    stop: () => undefined,
  };
}
