import { isRiskXpertError } from '../errors.js';

/**
 * Where streamed text goes. `send` starts a new message and returns its handle; `update` replaces the text of a
 * message already sent (an edit, or a draft with the same id); `commit` makes a message final (drafts must be
 * persisted with a real message; for edited messages it is the last edit). All three may throw a
 * RiskXpertError('RATE_LIMITED') whose details carry `retryAfterSeconds`.
 */
export interface StreamTarget<H> {
  send(text: string): Promise<H>;
  update(handle: H, text: string): Promise<void>;
  commit?(handle: H, text: string): Promise<void>;
}

export interface EditStreamerOptions<H> {
  target: StreamTarget<H>;
  /** Characters per message (Telegram 4096, Discord 2000). */
  maxChars: number;
  /** Minimum gap from the end of one call to the platform for this chat to the start of the next. */
  minIntervalMs: number;
  /** Shared per-chat gate: the photo sent before the stream counts against the same budget. */
  gate?: ChatGate;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** How many rate-limit retries a single call may make before the text is kept for the next flush. */
  maxRetries?: number;
}

export interface StreamStats {
  calls: number;
  rateLimited: number;
  messages: number;
  firstVisibleAt?: number;
  largestGapMs: number;
}

/**
 * Spaces calls to one chat, whoever makes them: one call at a time, and each starts at least `minIntervalMs` after
 * the previous one ENDED (success or failure), measured when the calls really ran. A platform counts messages when
 * they arrive, and a call's request has arrived by the time its answer is back, so gaps from the end hold however
 * late a timer fires or however slow a call is; gaps between planned slots did not (a timer firing 40 ms late let the
 * next two calls go 20 ms apart).
 */
export interface ChatGate {
  run<T>(op: () => Promise<T>): Promise<T>;
  /** Pushes the next allowed call back, e.g. after a 429 said so. */
  holdFor(ms: number): void;
}

export function createChatGate(minIntervalMs: number, now: () => number = Date.now, sleep = defaultSleep): ChatGate {
  let lastEnd: number | undefined;
  let holdUntil = -Infinity;
  let tail: Promise<void> = Promise.resolve();
  return {
    async run(op) {
      const previous = tail;
      let release!: () => void;
      tail = new Promise<void>((r) => (release = r));
      await previous;
      try {
        // A loop, not one sleep: the time is read again after every wake-up (a fake or early timer cannot cut the gap).
        for (;;) {
          const earliest = Math.max(holdUntil, lastEnd === undefined ? -Infinity : lastEnd + minIntervalMs);
          const t = now();
          if (t >= earliest) break;
          await sleep(earliest - t);
        }
        try {
          return await op();
        } finally {
          lastEnd = now();
        }
      } finally {
        release();
      }
    },
    holdFor(ms) {
      holdUntil = Math.max(holdUntil, now() + ms);
    },
  };
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Splits at a paragraph, sentence or word boundary in the second half of the window, else hard at `max`. */
export function splitForMessages(text: string, max: number): string[] {
  const pages: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = -1;
    for (const sep of ['\n\n', '. ', '다. ', '\n', ' ']) {
      const i = window.lastIndexOf(sep);
      if (i >= max / 2) {
        cut = i + sep.length;
        break;
      }
    }
    if (cut <= 0) cut = max;
    pages.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  pages.push(rest);
  return pages;
}

/**
 * Shows a growing text as throttled message updates: at most one platform call per `minIntervalMs` per chat,
 * continuation messages past `maxChars`, 429 `retry_after` honoured, updates coalesced while waiting, and the
 * full final text always delivered by `finish()`.
 */
export function createEditStreamer<H>(options: EditStreamerOptions<H>) {
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const s: StreamerState<H> = {
    options,
    now,
    gate: options.gate ?? createChatGate(options.minIntervalMs, now, sleep),
    sent: [],
    full: '',
    stats: { calls: 0, rateLimited: 0, messages: 0, largestGapMs: 0 },
  };
  let flushing: Promise<void> | undefined;
  let dirty = false;

  function schedule(): void {
    dirty = true;
    if (flushing) return;
    flushing = (async () => {
      while (dirty) {
        dirty = false;
        await sync(s, false);
      }
    })().finally(() => {
      flushing = undefined;
      // A push that landed after the loop's last check and before this line found `flushing` still set and
      // scheduled nothing: without this its text would wait for the next push or for finish().
      if (dirty) schedule();
    });
    flushing.catch(() => undefined);
  }

  return {
    push(delta: string): void {
      if (!delta) return;
      s.full += delta;
      schedule();
    },
    /** Waits for pending updates, then makes sure every message shows its final text. */
    async finish(): Promise<StreamStats> {
      while (flushing) await flushing.catch(() => undefined);
      await sync(s, true);
      return s.stats;
    },
    text: () => s.full,
    stats: () => s.stats,
  };
}

interface SentPage<H> {
  handle: H;
  text: string;
  committed: boolean;
}

interface StreamerState<H> {
  options: EditStreamerOptions<H>;
  now: () => number;
  gate: ChatGate;
  sent: SentPage<H>[];
  /** Everything pushed so far. */
  full: string;
  stats: StreamStats;
  lastCallAt?: number;
}

/** One platform call through the chat gate; a 429 holds the gate for its retry_after and tries again. */
async function call<H, T>(s: StreamerState<H>, op: () => Promise<T>): Promise<T> {
  const { gate, now, stats } = s;
  for (let attempt = 0; ; attempt += 1) {
    try {
      const result = await gate.run(async () => {
        const t = now();
        const r = await op();
        stats.calls += 1;
        if (s.lastCallAt !== undefined) stats.largestGapMs = Math.max(stats.largestGapMs, t - s.lastCallAt);
        s.lastCallAt = t;
        return r;
      });
      stats.firstVisibleAt ??= now();
      return result;
    } catch (err) {
      const retryAfter =
        isRiskXpertError(err) && err.code === 'RATE_LIMITED' ? Number(err.details?.retryAfterSeconds ?? 1) : undefined;
      if (retryAfter === undefined || attempt >= (s.options.maxRetries ?? 5)) throw err;
      stats.rateLimited += 1;
      gate.holdFor(retryAfter * 1000);
    }
  }
}

async function commit<H>(s: StreamerState<H>, entry: SentPage<H>): Promise<void> {
  if (entry.committed || !s.options.target.commit) return;
  await call(s, () => s.options.target.commit!(entry.handle, entry.text));
  entry.committed = true;
}

/** Brings the platform in line with `full`: earlier pages are fixed once a later page exists. */
async function sync<H>(s: StreamerState<H>, final: boolean): Promise<void> {
  const { sent, stats, options } = s;
  const fixed = sent.slice(0, -1).reduce((n, m) => n + m.text.length, 0);
  const pages = splitForMessages(s.full.slice(fixed), options.maxChars).filter((p, i) => i === 0 || p.length > 0);
  const startIndex = Math.max(0, sent.length - 1);
  for (let i = 0; i < pages.length; i += 1) {
    const text = pages[i]!;
    const index = startIndex + i;
    const existing = sent[index];
    const last = i === pages.length - 1;
    if (!text.trim() && !existing) continue;
    let entry = existing;
    if (!entry) {
      const handle = await call(s, () => options.target.send(text));
      entry = { handle, text, committed: false };
      sent.push(entry);
      stats.messages += 1;
    } else if (entry.text !== text) {
      const e = entry;
      await call(s, () => options.target.update(e.handle, text));
      e.text = text;
    }
    // a page that filled up is final now
    if (!last) await commit(s, entry);
  }
  const lastSent = sent[sent.length - 1];
  if (final && lastSent) await commit(s, lastSent);
}
