/**
 * In-process single flight for promise-returning work: concurrent callers with the same key share one
 * execution and its outcome (value or error). The entry is removed as soon as the work settles, so a later
 * call runs again (this is de-duplication of concurrent work, not a cache), and a failure is never remembered.
 *
 * Streamed answers use src/engine/shared-stream.ts instead (late subscribers need the events already sent);
 * this is for plain promises: a chart re-render by hash, a series load, a history lookup.
 */
export interface SingleFlight {
  run<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** Keys with work in progress. */
  inFlight(): number;
}

export function createSingleFlight(): SingleFlight {
  const flights = new Map<string, Promise<unknown>>();
  return {
    run<T>(key: string, fn: () => Promise<T>): Promise<T> {
      const existing = flights.get(key);
      if (existing) return existing as Promise<T>;
      // Promise.resolve().then: a synchronous throw in fn becomes this flight's rejection, shared like any other.
      const flight = Promise.resolve()
        .then(fn)
        .finally(() => {
          if (flights.get(key) === flight) flights.delete(key);
        });
      flights.set(key, flight);
      return flight;
    },
    inFlight: () => flights.size,
  };
}
