import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RiskXpertError } from '../../src/errors.js';
import { createChatGate, createEditStreamer } from '../../src/streaming/edit-streamer.js';

/*
 * The per-chat gate with vitest's fake clock: every gap is measured between calls as they actually ran (start of a
 * call vs the end of the previous one), with timers that fire late, calls that are slow, and calls that fail.
 */

const GAP = 60;

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** setTimeout-based sleep whose first `lateTimes` timers fire `lateMs` late (a busy event loop). */
function lateSleep(lateMs: number, lateTimes = 1) {
  let late = lateTimes;
  return (ms: number) =>
    new Promise<void>((r) => {
      const extra = late > 0 ? lateMs : 0;
      late -= 1;
      setTimeout(r, ms + extra);
    });
}

interface Span {
  start: number;
  end: number;
}

function minGap(spans: Span[]): number {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let min = Infinity;
  for (let i = 1; i < sorted.length; i += 1) min = Math.min(min, sorted[i]!.start - sorted[i - 1]!.end);
  return min;
}

async function settle<T>(p: Promise<T>): Promise<T> {
  await vi.runAllTimersAsync();
  return p;
}

describe('ChatGate on a fake clock', () => {
  it('holds the minimum gap when a timer fires 40 ms late (the old planned-slot gate let two calls go 20 ms apart)', async () => {
    const gate = createChatGate(GAP, Date.now, lateSleep(40, 1));
    const spans: Span[] = [];
    const call = () => gate.run(async () => void spans.push({ start: Date.now(), end: Date.now() }));
    await settle(Promise.all([call(), call(), call(), call()]));
    expect(spans).toHaveLength(4);
    expect(minGap(spans)).toBeGreaterThanOrEqual(GAP);
    // and the late timer cost only its own lateness, not a second gap
    expect(spans[1]!.start).toBe(GAP + 40);
    expect(spans[2]!.start).toBe(spans[1]!.end + GAP);
  });

  it('slow sends: the next call starts a full gap after the slow one ended, and never two run at once', async () => {
    const gate = createChatGate(GAP, Date.now, lateSleep(40, 2));
    const spans: Span[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const call = (ms: number) =>
      gate.run(async () => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        const start = Date.now();
        await new Promise((r) => setTimeout(r, ms));
        spans.push({ start, end: Date.now() });
        inFlight -= 1;
      });
    await settle(Promise.all([call(500), call(10), call(300), call(5)]));
    expect(maxInFlight).toBe(1);
    expect(minGap(spans)).toBeGreaterThanOrEqual(GAP);
  });

  it('failures count as calls: the one after a failed call still waits the gap, and the gate is not stuck', async () => {
    const gate = createChatGate(GAP, Date.now, lateSleep(40, 1));
    const spans: Span[] = [];
    const call = (fail: boolean) =>
      gate.run(async () => {
        const start = Date.now();
        await new Promise((r) => setTimeout(r, 25));
        spans.push({ start, end: Date.now() });
        if (fail) throw new Error('Bad Request: chat not found');
      });
    const results = await settle(Promise.allSettled([call(true), call(false), call(true), call(false)]));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'rejected', 'fulfilled']);
    expect(minGap(spans)).toBeGreaterThanOrEqual(GAP);
  });

  it('holdFor (a 429 retry_after) pushes the next call back from now', async () => {
    const gate = createChatGate(GAP, Date.now, lateSleep(0, 0));
    const starts: number[] = [];
    await settle(gate.run(async () => void starts.push(Date.now())));
    gate.holdFor(3_000);
    await settle(gate.run(async () => void starts.push(Date.now())));
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(3_000);
  });

  it('the edit streamer through the gate: late timers, slow edits and a 429 keep every gap and lose no text', async () => {
    const spans: Span[] = [];
    let attempts = 0;
    const target = {
      async send(text: string) {
        const start = Date.now();
        await new Promise((r) => setTimeout(r, 120));
        spans.push({ start, end: Date.now() });
        return text.length;
      },
      async update(_id: number, text: string) {
        attempts += 1;
        const start = Date.now();
        await new Promise((r) => setTimeout(r, attempts % 3 === 0 ? 400 : 30));
        spans.push({ start, end: Date.now() });
        if (attempts === 2)
          throw new RiskXpertError('RATE_LIMITED', 'Too Many Requests: retry after 1', {
            details: { retryAfterSeconds: 1 },
          });
        last = text;
      },
    };
    let last = '';
    const s = createEditStreamer({
      target,
      maxChars: 4096,
      minIntervalMs: GAP,
      sleep: lateSleep(40, 3),
      now: Date.now,
    });
    const words = Array.from({ length: 30 }, (_, i) => `w${i} `);
    const pushing = (async () => {
      for (const w of words) {
        s.push(w);
        await new Promise((r) => setTimeout(r, 7));
      }
    })();
    await vi.runAllTimersAsync();
    await pushing;
    const stats = await settle(s.finish());
    expect(last).toBe(words.join(''));
    expect(stats.rateLimited).toBe(1);
    expect(minGap(spans)).toBeGreaterThanOrEqual(GAP);
  });
});
