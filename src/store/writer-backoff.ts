/**
 * The backoff both conversation writers use between store attempts: exponential with "equal jitter" (at least half
 * the ceiling, so it still grows), brisk while a flush has a deadline, and a sleep that flush() or close() can cut
 * short, so shutdown tries once more now instead of in 30 s.
 */
export interface WriterBackoff {
  /** The delay before attempt `n` (1-based); at most 100 ms while `flushing`. */
  delayFor(n: number, flushing: boolean): number;
  sleep(ms: number): Promise<void>;
  /** Ends the current sleep at once; a no-op when none is running. */
  wake(): void;
}

export function createWriterBackoff(options: {
  baseDelayMs: number;
  maxDelayMs: number;
  random?: () => number;
}): WriterBackoff {
  const random = options.random ?? Math.random;
  let wakeSleep: (() => void) | undefined;
  return {
    delayFor(n, flushing) {
      const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.min(n - 1, 30));
      const delay = ceiling / 2 + (random() * ceiling) / 2;
      return flushing ? Math.min(delay, 100) : delay;
    },
    sleep(ms) {
      return new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        timer.unref?.();
        function done() {
          clearTimeout(timer);
          wakeSleep = undefined;
          resolve();
        }
        wakeSleep = done;
      });
    },
    wake() {
      wakeSleep?.();
    },
  };
}
