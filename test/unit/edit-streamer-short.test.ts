import { describe, expect, it } from 'vitest';
import { createEditStreamer, type StreamTarget } from '../../src/streaming/edit-streamer.js';

/** A target whose calls are recorded; `gate` (when set) holds each send until the test lets it go. */
function target(withCommit = false) {
  const calls: { op: string; text: string }[] = [];
  const waiters: { text: string; resolve: () => void }[] = [];
  let release: (() => void) | undefined;
  let held: Promise<void> | undefined;
  const saw = (op: string, text: string) => {
    calls.push({ op, text });
    for (const w of waiters.filter((x) => x.text === text)) w.resolve();
  };
  const t: StreamTarget<number> = {
    async send(text) {
      if (held) await held;
      saw('send', text);
      return calls.length;
    },
    async update(_h, text) {
      saw('update', text);
    },
    ...(withCommit ? { commit: async (_h: number, text: string) => saw('commit', text) } : {}),
  };
  return {
    t,
    calls,
    hold() {
      held = new Promise<void>((r) => (release = r));
    },
    release() {
      held = undefined;
      release?.();
    },
    /** Resolves when the platform has been given exactly this text; rejects after `ms` (the text never came). */
    shown(text: string, ms = 1_000): Promise<void> {
      if (calls.some((c) => c.text === text)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`never shown: ${text}`)), ms);
        waiters.push({ text, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
  };
}

describe('edit streamer: a short stream that is the only text of the reply', () => {
  it('an empty stream makes no call at all (the caller sends its own text)', async () => {
    const r = target(true);
    const s = createEditStreamer({ target: r.t, maxChars: 4096, minIntervalMs: 0 });
    s.push('');
    expect(await s.finish()).toMatchObject({ calls: 0, messages: 0 });
    expect(r.calls).toEqual([]);
  });

  it('one short piece pushed and finished at once: one message with the whole text, committed once', async () => {
    const r = target(true);
    const s = createEditStreamer({ target: r.t, maxChars: 4096, minIntervalMs: 0 });
    s.push('짧은 답.');
    await s.finish();
    expect(r.calls).toEqual([
      { op: 'send', text: '짧은 답.' },
      { op: 'commit', text: '짧은 답.' },
    ]);
  });

  it('a piece pushed while the first send is finishing is shown without waiting for finish()', async () => {
    // The window between the flush loop's last check and its cleanup is a few microtasks wide: try every offset.
    for (let ticks = 0; ticks < 12; ticks += 1) {
      const r = target();
      const s = createEditStreamer({ target: r.t, maxChars: 4096, minIntervalMs: 0 });
      r.hold();
      s.push('a');
      await Promise.resolve();
      r.release();
      for (let i = 0; i < ticks; i += 1) await Promise.resolve();
      s.push('b');
      await r.shown('ab');
      await s.finish();
      expect(r.calls.at(-1)!.text).toBe('ab');
    }
  });
});
