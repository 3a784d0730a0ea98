/**
 * A producer's events, buffered and replayed to every subscriber: the single-flight primitive for
 * streamed answers. The producer runs once; a late subscriber first gets everything already produced,
 * then the rest live. The producer is aborted only when every subscriber has gone.
 */
export interface SharedStream<T> {
  subscribe(signal?: AbortSignal): AsyncIterable<T>;
  /** Resolves when the producer has finished (successfully or not). */
  readonly finished: Promise<void>;
}

export function createSharedStream<T>(produce: (signal: AbortSignal) => AsyncIterable<T>): SharedStream<T> {
  const buffer: T[] = [];
  let done = false;
  let failure: unknown;
  let wake: (() => void)[] = [];
  let subscribers = 0;
  let started = false;
  const controller = new AbortController();

  const notify = () => {
    const waiting = wake;
    wake = [];
    for (const w of waiting) w();
  };

  let resolveFinished!: () => void;
  const finished = new Promise<void>((r) => (resolveFinished = r));

  const start = () => {
    started = true;
    void (async () => {
      try {
        for await (const item of produce(controller.signal)) {
          buffer.push(item);
          notify();
        }
      } catch (err) {
        failure = err;
      } finally {
        done = true;
        notify();
        resolveFinished();
      }
    })();
  };

  return {
    finished,
    subscribe(signal?: AbortSignal): AsyncIterable<T> {
      return {
        [Symbol.asyncIterator]: async function* () {
          subscribers += 1;
          if (!started) start();
          let index = 0;
          // One abort listener per subscription (not one per wait), removed when the subscription ends.
          let wakeOnAbort: (() => void) | undefined;
          const onAbort = () => wakeOnAbort?.();
          signal?.addEventListener('abort', onAbort, { once: true });
          try {
            for (;;) {
              if (signal?.aborted) return;
              if (index < buffer.length) {
                yield buffer[index]!;
                index += 1;
                continue;
              }
              if (done) {
                if (failure !== undefined) throw failure;
                return;
              }
              await new Promise<void>((resolve) => {
                wake.push(resolve);
                wakeOnAbort = resolve;
              });
            }
          } finally {
            signal?.removeEventListener('abort', onAbort);
            subscribers -= 1;
            if (subscribers === 0 && !done) controller.abort();
          }
        },
      };
    },
  };
}
