import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection } from '../fakes/rejection.js';
import { createFredProvider } from '../../src/data/providers/fred-provider.js';
import { startFredServer, type FakeHttp } from '../fakes/fred-server.js';

/** Weekdays from 2000-01-03, one row each, every 20th blank (a holiday), values a deterministic walk. */
function makeRows(n: number): { date: string; value: string }[] {
  const rows: { date: string; value: string }[] = [];
  const d = new Date(Date.UTC(2000, 0, 3));
  let v = 1100;
  while (rows.length < n) {
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) {
      v += Math.sin(rows.length) * 3;
      rows.push({ date: d.toISOString().slice(0, 10), value: rows.length % 20 === 7 ? '' : v.toFixed(2) });
    }
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return rows;
}

const API_KEY = 'abcdef0123456789abcdef0123456789';
const ROWS = makeRows(2_345);
const EXPECTED = ROWS.filter((r) => r.value !== '').map((r) => ({ date: r.date, value: Number(r.value) }));

describe('FRED provider against the FRED stand-in', () => {
  let fred: FakeHttp;
  let legacy: FakeHttp;
  beforeAll(async () => {
    fred = await startFredServer({ series: { DEXKOUS: ROWS }, apiKey: API_KEY });
    legacy = await startFredServer({ series: { DEXKOUS: ROWS.slice(0, 50) }, legacyCsv: true });
  });
  afterAll(async () => {
    await fred.close();
    await legacy.close();
  });
  const fast = { minBackoffMs: 5, maxBackoffMs: 20 };

  it('reads the keyless CSV: every observation once, blanks skipped, sorted', async () => {
    const p = createFredProvider({ baseUrl: fred.url, timeoutMs: 5_000, retries: 0 });
    const points = await p.fetch({ symbol: 'DEXKOUS' });
    expect(points).toEqual(EXPECTED);
    expect(fred.requests.at(-1)!.query.get('id')).toBe('DEXKOUS');
  });

  it('reads the older export (DATE header, "." for missing) and passes the date range as cosd/coed', async () => {
    const p = createFredProvider({ baseUrl: legacy.url, timeoutMs: 5_000, retries: 0 });
    const from = ROWS[10]!.date;
    const to = ROWS[30]!.date;
    const points = await p.fetch({ symbol: 'DEXKOUS', from, to });
    expect(points).toEqual(EXPECTED.filter((x) => x.date >= from && x.date <= to));
    const q = legacy.requests.at(-1)!.query;
    expect([q.get('cosd'), q.get('coed')]).toEqual([from, to]);
  });

  it('pages the JSON API with offset/limit and assembles every observation exactly once', async () => {
    const before = fred.requests.length;
    const p = createFredProvider({
      apiBaseUrl: fred.url,
      apiKey: API_KEY,
      pageSize: 1_000,
      timeoutMs: 5_000,
      retries: 0,
    });
    const points = await p.fetch({ symbol: 'DEXKOUS' });
    expect(points).toEqual(EXPECTED);
    const pages = fred.requests.slice(before);
    expect(pages.map((r) => r.query.get('offset'))).toEqual(['0', '1000', '2000']);
    expect(pages.every((r) => r.query.get('limit') === '1000' && r.query.get('file_type') === 'json')).toBe(true);
  });

  it('retries 429 and 500 with backoff and then succeeds', async () => {
    fred.misbehave(429, 500, 429);
    const before = fred.requests.length;
    const p = createFredProvider({ baseUrl: fred.url, timeoutMs: 5_000, retries: 4, ...fast });
    expect(await p.fetch({ symbol: 'DEXKOUS' })).toEqual(EXPECTED);
    expect(fred.requests.length - before).toBe(4);
  });

  it('a 429 that persists past the retry budget ends in RATE_LIMITED', async () => {
    fred.misbehave(429, 429, 429);
    const p = createFredProvider({ baseUrl: fred.url, timeoutMs: 5_000, retries: 2, ...fast });
    const err = await rejection(p.fetch({ symbol: 'DEXKOUS' }));
    expect(err.code).toBe('RATE_LIMITED');
  });

  for (const mode of ['half', 'half-clean', 'html'] as const) {
    it(`a ${mode} CSV on every attempt ends in PROVIDER_FAILED with no partial data`, async () => {
      fred.misbehave(mode, mode, mode);
      const p = createFredProvider({ baseUrl: fred.url, timeoutMs: 5_000, retries: 2, ...fast });
      const err = await rejection(p.fetch({ symbol: 'DEXKOUS' }));
      expect(err.code).toBe('PROVIDER_FAILED');
    });

    it(`a single ${mode} CSV is retried and the full series comes back`, async () => {
      fred.misbehave(mode);
      const p = createFredProvider({ baseUrl: fred.url, timeoutMs: 5_000, retries: 2, ...fast });
      expect(await p.fetch({ symbol: 'DEXKOUS' })).toEqual(EXPECTED);
    });
  }

  it('a server that hangs (no headers, or half a body then silence) fails within the timeout', async () => {
    for (const mode of ['hang', 'stall'] as const) {
      fred.misbehave(mode, mode);
      const p = createFredProvider({ baseUrl: fred.url, timeoutMs: 300, retries: 1, ...fast });
      const t0 = Date.now();
      const err = await rejection(p.fetch({ symbol: 'DEXKOUS' }));
      expect(err.code).toBe('PROVIDER_FAILED');
      expect(err.message).toMatch(/within 300 ms/u);
      expect(Date.now() - t0).toBeLessThan(10_000);
    }
  });

  it('the caller can cancel a hanging fetch', async () => {
    fred.misbehave('hang');
    const p = createFredProvider({ baseUrl: fred.url, timeoutMs: 30_000, retries: 0 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const err = await rejection(p.fetch({ symbol: 'DEXKOUS' }, { signal: ac.signal }));
    expect(err.code).toBe('ABORTED');
  });

  it('never shows the API key in errors (bad key, 500, timeout)', async () => {
    const wrong = 'fffff0123456789abcdef0123456789f';
    const bad = createFredProvider({ apiBaseUrl: fred.url, apiKey: wrong, timeoutMs: 5_000, retries: 0 });
    const e1 = await rejection(bad.fetch({ symbol: 'DEXKOUS' }));
    expect(e1.code).toBe('PROVIDER_FAILED');
    expect(e1.message).toMatch(/api_key is not registered/u);
    fred.misbehave(500, 'hang');
    const good = createFredProvider({ apiBaseUrl: fred.url, apiKey: API_KEY, timeoutMs: 300, retries: 1, ...fast });
    const e2 = await rejection(good.fetch({ symbol: 'DEXKOUS' }));
    for (const [e, key] of [
      [e1, wrong],
      [e2, API_KEY],
    ] as const) {
      const everything = `${e.message} ${e.stack ?? ''} ${JSON.stringify(e)} ${JSON.stringify(e.details ?? {})} ${inspect(e, { depth: 5 })}`;
      expect(everything).not.toContain(key);
    }
  });

  it('an unknown series is a non-retried PROVIDER_FAILED', async () => {
    const before = fred.requests.length;
    const p = createFredProvider({ baseUrl: fred.url, timeoutMs: 5_000, retries: 3, ...fast });
    const err = await rejection(p.fetch({ symbol: 'NOPE' }));
    expect(err.code).toBe('PROVIDER_FAILED');
    expect(fred.requests.length - before).toBe(1);
  });

  it('refuses bad requests before any HTTP', async () => {
    const p = createFredProvider({ baseUrl: fred.url });
    expect((await rejection(p.fetch({ symbol: 'DEX KOUS' }))).code).toBe('BAD_REQUEST');
    expect((await rejection(p.fetch({ symbol: 'DEXKOUS', from: '2024-02-30' }))).code).toBe('BAD_REQUEST');
  });
});
