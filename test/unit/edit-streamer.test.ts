import { describe, expect, it } from 'vitest';
import { RiskXpertError } from '../../src/errors.js';
import { createEditStreamer, splitForMessages } from '../../src/streaming/edit-streamer.js';

/** A fake clock: sleep advances time instantly, so the tests check spacing without waiting. */
function clock() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms), advance: (ms: number) => void (t += ms) };
}

function recorder(c: ReturnType<typeof clock>, opts: { rateLimitOnce?: boolean; notModified?: boolean } = {}) {
  const calls: { op: string; id: number; text: string; at: number }[] = [];
  let nextId = 1;
  let limited = false;
  let attempts = 0;
  const maybe429 = () => {
    attempts += 1;
    if (opts.rateLimitOnce && !limited && attempts === 2) {
      limited = true;
      throw new RiskXpertError('RATE_LIMITED', 'Too Many Requests: retry after 3', {
        details: { retryAfterSeconds: 3 },
      });
    }
  };
  return {
    calls,
    target: {
      async send(text: string) {
        maybe429();
        const id = nextId++;
        calls.push({ op: 'send', id, text, at: c.now() });
        return id;
      },
      async update(id: number, text: string) {
        maybe429();
        calls.push({ op: 'update', id, text, at: c.now() });
      },
    },
  };
}

describe('edit streamer', () => {
  it('spaces platform calls at least minInterval apart and ends with the full text (real timers)', async () => {
    const real = {
      now: () => performance.now(),
      sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
      advance: () => undefined,
    };
    const r = recorder(real as unknown as ReturnType<typeof clock>);
    const s = createEditStreamer({ target: r.target, maxChars: 4096, minIntervalMs: 60 });
    for (let i = 0; i < 40; i += 1) {
      s.push(`word${i} `);
      await new Promise((res) => setTimeout(res, 5));
    }
    const stats = await s.finish();
    expect(r.calls.at(-1)!.text).toBe(Array.from({ length: 40 }, (_, i) => `word${i} `).join(''));
    // timers may fire a little early; 5 ms of slack, never a burst
    for (let i = 1; i < r.calls.length; i += 1) expect(r.calls[i]!.at - r.calls[i - 1]!.at).toBeGreaterThanOrEqual(55);
    expect(stats.messages).toBe(1);
    expect(r.calls.length).toBeLessThan(15);
  });

  it('continues in new messages past maxChars, splitting at a boundary, earlier messages complete', async () => {
    const c = clock();
    const r = recorder(c);
    const s = createEditStreamer({ target: r.target, maxChars: 100, minIntervalMs: 1000, now: c.now, sleep: c.sleep });
    const sentence = 'This is a sentence of text. ';
    for (let i = 0; i < 12; i += 1) s.push(sentence);
    await s.finish();
    const finalById = new Map<number, string>();
    for (const call of r.calls) finalById.set(call.id, call.text);
    const texts = [...finalById.values()];
    expect(texts.every((t) => t.length <= 100)).toBe(true);
    expect(texts.join('')).toBe(sentence.repeat(12));
    expect(texts.length).toBeGreaterThanOrEqual(4);
    expect(texts.slice(0, -1).every((t) => t.endsWith('. '))).toBe(true);
  });

  it('waits retry_after on a 429 and loses nothing', async () => {
    const c = clock();
    const r = recorder(c, { rateLimitOnce: true });
    const s = createEditStreamer({ target: r.target, maxChars: 4096, minIntervalMs: 1000, now: c.now, sleep: c.sleep });
    s.push('a');
    await Promise.resolve();
    c.advance(1500);
    s.push('b');
    await Promise.resolve();
    c.advance(1500);
    s.push('c');
    const stats = await s.finish();
    expect(stats.rateLimited).toBe(1);
    expect(r.calls.at(-1)!.text).toBe('abc');
    const afterLimit = r.calls.findIndex((x) => x.text.includes('c'));
    expect(afterLimit).toBeGreaterThan(0);
  });

  it('persists drafts with commit: every filled page and the last one, once each', async () => {
    const c = clock();
    const commits: string[] = [];
    let draft = 0;
    const s = createEditStreamer({
      target: {
        send: async () => ++draft,
        update: async () => undefined,
        commit: async (_id: number, text: string) => void commits.push(text),
      },
      maxChars: 50,
      minIntervalMs: 300,
      now: c.now,
      sleep: c.sleep,
    });
    for (let i = 0; i < 10; i += 1) s.push('Twelve chars. ');
    await s.finish();
    expect(commits.join('')).toBe('Twelve chars. '.repeat(10));
    expect(commits.every((t) => t.length <= 50)).toBe(true);
  });

  it('splitForMessages keeps every character', () => {
    const text = `${'가나다라마바사. '.repeat(400)}끝`;
    const pages = splitForMessages(text, 4096);
    expect(pages.join('')).toBe(text);
    expect(pages.every((p) => p.length <= 4096)).toBe(true);
  });
});
