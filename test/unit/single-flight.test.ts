import { describe, expect, it } from 'vitest';
import { createSingleFlight } from '../../src/cache/single-flight.js';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('single flight', () => {
  it('runs concurrent callers of one key once and gives them all the result', async () => {
    const flight = createSingleFlight();
    const gate = deferred<string>();
    let calls = 0;
    const work = () => {
      calls += 1;
      return gate.promise;
    };
    const all = Promise.all([flight.run('k', work), flight.run('k', work), flight.run('k', work)]);
    expect(flight.inFlight()).toBe(1);
    gate.resolve('png');
    expect(await all).toEqual(['png', 'png', 'png']);
    expect(calls).toBe(1);
    expect(flight.inFlight()).toBe(0);
  });

  it('keeps different keys apart', async () => {
    const flight = createSingleFlight();
    const results = await Promise.all(['a', 'b', 'a'].map((k) => flight.run(k, async () => `${k}:${Math.random()}`)));
    expect(results[0]).toBe(results[2]);
    expect(results[0]).not.toBe(results[1]);
  });

  it('shares a failure with every waiting caller, then forgets it', async () => {
    const flight = createSingleFlight();
    const gate = deferred<number>();
    let calls = 0;
    const failing = () => {
      calls += 1;
      return gate.promise;
    };
    const a = flight.run('k', failing);
    const b = flight.run('k', failing);
    gate.reject(new Error('provider down'));
    await expect(a).rejects.toThrow('provider down');
    await expect(b).rejects.toThrow('provider down');
    expect(flight.inFlight()).toBe(0);
    // The next call runs again instead of replaying the old failure.
    expect(await flight.run('k', async () => 42)).toBe(42);
    expect(calls).toBe(1);
  });

  it('turns a synchronous throw into a shared rejection', async () => {
    const flight = createSingleFlight();
    const boom = (): Promise<never> => {
      throw new Error('sync boom');
    };
    await expect(Promise.all([flight.run('k', boom), flight.run('k', boom)])).rejects.toThrow('sync boom');
    expect(flight.inFlight()).toBe(0);
  });

  it('runs again once the previous flight has finished (it is not a cache)', async () => {
    const flight = createSingleFlight();
    let calls = 0;
    const work = async () => ++calls;
    expect(await flight.run('k', work)).toBe(1);
    expect(await flight.run('k', work)).toBe(2);
  });
});
