import { describe, expect, it } from 'vitest';
import { createSharedStream } from '../../src/engine/shared-stream.js';
import { waitUntil } from '../fakes/wait-until.js';

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('createSharedStream', () => {
  it('runs the producer once and gives every subscriber all events, late ones included', async () => {
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const shared = createSharedStream(async function* () {
      runs += 1;
      yield 1;
      await gate;
      yield 2;
      yield 3;
    });
    const a = collect(shared.subscribe());
    // b is late: it joins once the producer is running (it has yielded 1 and waits at the gate)
    await waitUntil(() => runs === 1, 'the producer to start');
    const b = collect(shared.subscribe());
    release();
    expect(await a).toEqual([1, 2, 3]);
    expect(await b).toEqual([1, 2, 3]);
    expect(runs).toBe(1);
  });

  it('rethrows the producer error to every subscriber', async () => {
    const shared = createSharedStream(async function* () {
      yield 'x';
      throw new Error('boom');
    });
    await expect(collect(shared.subscribe())).rejects.toThrow('boom');
    await expect(collect(shared.subscribe())).rejects.toThrow('boom');
  });

  it('aborts the producer only when every subscriber has left', async () => {
    let producerSignal!: AbortSignal;
    const shared = createSharedStream(async function* (signal) {
      producerSignal = signal;
      for (let i = 0; ; i += 1) {
        if (signal.aborted) return;
        yield i;
        await new Promise((r) => setTimeout(r, 5));
      }
    });
    const c1 = new AbortController();
    const c2 = new AbortController();
    const seen1: number[] = [];
    const seen2: number[] = [];
    const p1 = (async () => {
      for await (const x of shared.subscribe(c1.signal)) seen1.push(x);
    })();
    const p2 = (async () => {
      for await (const x of shared.subscribe(c2.signal)) seen2.push(x);
    })();
    await waitUntil(() => seen1.length > 0 && seen2.length > 0, 'both subscribers to receive an event');
    c1.abort();
    await p1;
    expect(producerSignal.aborted).toBe(false);
    c2.abort();
    await p2;
    expect(producerSignal.aborted).toBe(true);
    await shared.finished;
    expect(seen2.length).toBeGreaterThanOrEqual(seen1.length);
  });
});
