import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHarness, type WebHarness } from '../e2e/web-harness.js';
import { loginOverHttp, readSse } from '../e2e/web-login-helper.js';
import type { ConversationRecord } from '../../src/store/store.js';

let h: WebHarness;
let token: string;
let userId: string;
let conversationId: string;
let originalHash: string;
beforeAll(async () => {
  h = await startWebHarness();
  token = (await loginOverHttp(h.base)).accessToken;
  userId = ((await (await get('/api/me')).json()) as { user: { id: string } }).user.id;
  const res = await fetch(`${h.base}/api/forecast`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ question: '앞으로 6개월 S&P 500 어때?', horizonMonths: 6, locale: 'ko' }),
  });
  const events = await readSse(res);
  originalHash = (events.find((e) => e.event === 'chart')!.data as { hash: string }).hash;
  conversationId = (events.at(-1)!.data as { conversationId: string }).conversationId;
  // Written in the background by the retrying writer.
  for (let i = 0; i < 100 && !(await h.runtime.store.conversations.get(conversationId)); i += 1)
    await new Promise((r) => setTimeout(r, 20));
});
afterAll(async () => h?.close());

function get(path: string, headers: Record<string, string> = {}, bearer = token): Promise<Response> {
  return fetch(`${h.base}${path}`, { headers: { authorization: `Bearer ${bearer}`, ...headers } });
}

/** PNG signature, then the IHDR chunk's width and height. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe("GET /api/history/:id/chart.png: a past answer's chart, redrawn from the stored record for its owner", () => {
  it('stores the drawn history tail with the conversation and lists the chart path in /api/history', async () => {
    const record = (await h.runtime.store.conversations.get(conversationId))!;
    expect(record.userId).toBe(userId);
    expect(record.forecast.history).toHaveLength(60);
    expect(record.forecast.history!.at(-1)).toEqual({
      date: record.forecast.lastDate,
      value: record.forecast.lastValue,
    });
    const items = ((await (await get('/api/history')).json()) as { items: { id: string; chartPath: string }[] }).items;
    expect(items.find((i) => i.id === conversationId)?.chartPath).toBe(`/api/history/${conversationId}/chart.png`);
  });

  it("redraws the very PNG the asker saw: same bytes as the engine's chart (ETag = its sha256), cacheable privately", async () => {
    const res = await get(`/api/history/${conversationId}/chart.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toBe('private, max-age=86400');
    expect(res.headers.get('etag')).toBe(`"${originalHash}"`);
    const png = Buffer.from(await res.arrayBuffer());
    expect(pngSize(png)).toEqual({ width: 800, height: 450 });
    // The live chart URL (CHART_TTL_SECONDS) holds the engine's bytes: the redraw is byte-identical.
    const items = ((await (await get('/api/history')).json()) as { items: { id: string; chartUrl: string | null }[] })
      .items;
    const live = items.find((i) => i.id === conversationId)!.chartUrl!;
    expect(Buffer.from(await (await fetch(`${h.base}${live}`)).arrayBuffer()).equals(png)).toBe(true);

    const again = await get(`/api/history/${conversationId}/chart.png`, { 'if-none-match': `"${originalHash}"` });
    expect(again.status).toBe(304);
  });

  it('draws a fresh record the same way twice, and an old record without a stored tail still gets a chart', async () => {
    const base = (await h.runtime.store.conversations.get(conversationId))!;
    const { history: _tail, ...forecastWithoutTail } = base.forecast;
    const old: ConversationRecord = {
      ...base,
      id: randomUUID(),
      forecast: forecastWithoutTail,
      createdAt: new Date(Date.now() - 86_400_000),
    };
    await h.runtime.store.conversations.save(old);
    const a = await get(`/api/history/${old.id}/chart.png`);
    expect(a.status).toBe(200);
    const png = Buffer.from(await a.arrayBuffer());
    expect(pngSize(png)).toEqual({ width: 800, height: 450 });
    // Fewer history points drawn: a different picture from the full record's.
    expect(a.headers.get('etag')).not.toBe(`"${originalHash}"`);
    // A second server (no cached render) draws the same bytes from the same record.
    const other = await startWebHarness();
    try {
      // The same Kakao user logs in there, so the record is theirs on that server too.
      await other.runtime.store.conversations.save(old);
      const otherToken = (await loginOverHttp(other.base)).accessToken;
      const b = await fetch(`${other.base}/api/history/${old.id}/chart.png`, {
        headers: { authorization: `Bearer ${otherToken}` },
      });
      expect(b.headers.get('etag')).toBe(a.headers.get('etag'));
      expect(Buffer.from(await b.arrayBuffer()).equals(png)).toBe(true);
    } finally {
      await other.close();
    }
  });

  it("answers 404 for another user's answer (the same as a missing one), 400 for what is not an id, 401 without a token", async () => {
    h.kakao.setUser({ id: 555, nickname: '남' });
    const stranger = (
      await loginOverHttp(h.base).finally(() => h.kakao.setUser({ id: 4_242_424_242, nickname: '테스트 사용자' }))
    ).accessToken;
    const theirs = await get(`/api/history/${conversationId}/chart.png`, {}, stranger);
    expect(theirs.status).toBe(404);
    const missing = await get(`/api/history/${randomUUID()}/chart.png`);
    expect(missing.status).toBe(404);
    expect(await theirs.json()).toEqual(await missing.json());
    for (const bad of [
      conversationId.slice(0, -1),
      `${conversationId}x`,
      '%24ne',
      'null',
      encodeURIComponent('{"$ne":null}'),
      'x'.repeat(400),
    ]) {
      const res = await get(`/api/history/${bad}/chart.png`);
      expect(res.status, bad).toBe(400);
    }
    expect((await fetch(`${h.base}/api/history/${conversationId}/chart.png`)).status).toBe(401);
  });
});
