import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { postCallback, type FetchLike } from '../../adapters/kakao/callback-client.js';
import { createKakaoEventApiClient, type EventUser } from '../../adapters/kakao/event-api-client.js';
import { simpleText, skillResponse } from '../../adapters/kakao/skill-response.js';
import { isRiskXpertError, type RiskXpertError } from '../../src/errors.js';
import { startKakaoCallbackServer } from '../fakes/kakao-callback-server.js';

const answer = skillResponse([simpleText('코스피는 6개월 뒤 2,650 안팎이 중앙값이에요.')]);
const realFetch: FetchLike = (url, init) => fetch(url, init);

interface Recorded {
  method: string;
  url: string;
  auth: string | undefined;
  body: string;
  at: number;
}

/** A scripted local HTTP server: each request gets the next handler (the last one repeats). */
async function scripted(...handlers: ((req: IncomingMessage, res: ServerResponse, body: string) => void)[]) {
  const requests: Recorded[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        auth: req.headers.authorization,
        body,
        at: Date.now(),
      });
      const h = handlers[Math.min(requests.length - 1, handlers.length - 1)]!;
      h(req, res, body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  closers.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });
  return { url, requests };
}

const json = (status: number, body: unknown) => (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};
const hang = () => undefined;

let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers) await c();
  closers = [];
});

describe('the callback stand-in behaves like Kakao', () => {
  it('accepts one valid POST per URL within its validity; refuses a second, a late one and a body outside the limits', async () => {
    let clock = Date.now();
    const cb = await startKakaoCallbackServer({ validityMs: 400, now: () => clock });
    closers.push(() => cb.close());
    const post = (url: string, body: unknown) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(
        async (r) => ({
          status: r.status,
          json: (await r.json()) as { status: string; message: string; taskId: string },
        }),
      );

    const url = cb.issue();
    const invalid = await post(url, {
      version: '2.0',
      template: { outputs: [{ simpleText: { text: 'x'.repeat(1001) } }] },
    });
    expect(invalid).toMatchObject({
      status: 400,
      json: { status: 'ERROR', message: 'Invalid json response from bot-skill.' },
    });
    expect(cb.arrivals.at(-1)!.problems).toEqual(['simpleText of 1001 chars']);
    const first = await post(url, answer);
    expect(first).toMatchObject({ status: 200, json: { status: 'SUCCESS' } });
    expect(first.json.taskId).toMatch(/^[0-9a-f-]{36}$/u);
    const second = await post(url, answer);
    expect(second).toMatchObject({ status: 400, json: { status: 'FAIL' } });
    expect(second.json.message).toMatch(/Invalid callback token/u);

    const late = cb.issue();
    clock += 401;
    expect((await post(late, answer)).json.status).toBe('FAIL');
    expect((await post(`${url}-unknown`, answer)).json.status).toBe('ERROR');
    expect(cb.arrivals.filter((a) => a.accepted)).toHaveLength(1);
  });
});

describe('postCallback: one POST, retried only when it never reached Kakao and time is left', () => {
  it('delivers once to the stand-in', async () => {
    const cb = await startKakaoCallbackServer();
    closers.push(() => cb.close());
    const url = cb.issue();
    const r = await postCallback(realFetch, url, answer, Date.now() + 5_000);
    expect(r).toMatchObject({ delivered: true, status: 200, attempts: 1 });
    expect(cb.arrivals).toHaveLength(1);
    expect(cb.arrivals[0]!.body).toEqual(answer);
  });

  it('retries a 5xx, then stops at the first 2xx', async () => {
    const s = await scripted(
      json(503, { status: 'ERROR', message: 'busy' }),
      json(200, { taskId: 't', status: 'SUCCESS', timestamp: 1 }),
    );
    const r = await postCallback(realFetch, `${s.url}/cb/1`, answer, Date.now() + 5_000);
    expect(r).toMatchObject({ delivered: true, status: 200, attempts: 2 });
    expect(s.requests).toHaveLength(2);
    expect(s.requests.every((q) => q.method === 'POST' && JSON.parse(q.body).version === '2.0')).toBe(true);
  });

  it('never retries a 4xx (Kakao has refused the token or the body: a second call cannot help)', async () => {
    const s = await scripted(json(400, { status: 'FAIL', message: 'Invalid callback token.' }));
    const r = await postCallback(realFetch, `${s.url}/cb/2`, answer, Date.now() + 5_000);
    // postCallback has returned: its one attempt is all it made (it leaves no timer behind to retry later).
    expect(r).toMatchObject({ delivered: false, status: 400, attempts: 1 });
    expect(s.requests).toHaveLength(1);
  });

  it('a Kakao that never answers: gives up by the deadline, and never starts a POST after it', async () => {
    const s = await scripted(hang);
    const deadline = Date.now() + 1_200;
    const r = await postCallback(realFetch, `${s.url}/cb/3`, answer, deadline);
    expect(r.delivered).toBe(false);
    expect(Date.now()).toBeLessThan(deadline + 1_000);
    expect(s.requests.length).toBeGreaterThanOrEqual(1);
    for (const q of s.requests) expect(q.at).toBeLessThan(deadline);
  });

  it('no time left: no attempt at all', async () => {
    const s = await scripted(json(200, {}));
    const r = await postCallback(realFetch, `${s.url}/cb/4`, answer, Date.now() + 100);
    expect(r).toMatchObject({ delivered: false, attempts: 0 });
    expect(s.requests).toHaveLength(0);
  });
});

describe('Kakao Event API client against a local stand-in', () => {
  const users = (n: number, offset = 0): EventUser[] =>
    Array.from({ length: n }, (_, i) => ({ type: 'botUserKey', id: `user-${i + offset}` }));
  const accepted = (_req: IncomingMessage, res: ServerResponse, body: string) => {
    const parsed = JSON.parse(body) as { user: unknown[] };
    if (parsed.user.length > 100) return json(400, { status: 'ERROR', message: 'too many users' })(_req, res);
    json(200, {
      taskId: `task-${parsed.user.length}-${Math.random().toString(36).slice(2)}`,
      status: 'SUCCESS',
      timestamp: Date.now(),
    })(_req, res);
  };

  it('chunks distinct users by 100, with KakaoAK auth, the event, its data and params; the dev-channel "!" kept', async () => {
    const s = await scripted(accepted);
    const client = createKakaoEventApiClient({ baseUrl: `${s.url}/`, botId: '667e0091c!', restApiKey: 'rest-api-key' });
    const list = [...users(230), ...users(50), { type: 'plusfriendUserKey' as const, id: 'user-1' }];
    const tasks = await client.send({ name: 'threat_alert', data: { indicator: '코스피', drop: '-7.2%' } }, list, {
      source: 'alerts',
    });
    expect(tasks.map((t) => t.status)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS']);
    const bodies = s.requests.map(
      (q) =>
        JSON.parse(q.body) as {
          event: { name: string; data: Record<string, string> };
          user: EventUser[];
          params?: Record<string, string>;
        },
    );
    expect(bodies.map((b) => b.user.length)).toEqual([100, 100, 31]);
    const ids = bodies.flatMap((b) => b.user.map((u) => `${u.type}:${u.id}`));
    expect(new Set(ids).size).toBe(231);
    for (const [i, q] of s.requests.entries()) {
      expect(q).toMatchObject({ method: 'POST', url: '/v2/bots/667e0091c!/talk', auth: 'KakaoAK rest-api-key' });
      expect(bodies[i]).toMatchObject({
        event: { name: 'threat_alert', data: { indicator: '코스피', drop: '-7.2%' } },
        params: { source: 'alerts' },
      });
    }
  });

  it('a failed request says which tasks were accepted and which users were not sent, so a retry duplicates nobody', async () => {
    const s = await scripted(accepted, json(503, { status: 'ERROR', message: 'temporarily unavailable' }));
    const client = createKakaoEventApiClient({ baseUrl: s.url, botId: 'bot', restApiKey: 'k' });
    const err = await client.send({ name: 'threat_alert' }, users(250)).catch((e: unknown) => e as RiskXpertError);
    expect(isRiskXpertError(err)).toBe(true);
    expect(err).toMatchObject({ code: 'PROVIDER_FAILED', retryable: true });
    const details = (err as RiskXpertError).details as { sent: { taskId: string }[]; unsent: EventUser[] };
    expect(details.sent).toHaveLength(1);
    expect(details.unsent.map((u) => u.id)).toEqual(users(150, 100).map((u) => u.id));
    expect(s.requests).toHaveLength(2); // it stopped at the failure
  });

  it('429 -> RATE_LIMITED (retryable); 400 -> not retryable; a body that is not JSON -> PROVIDER_FAILED', async () => {
    const s = await scripted(
      json(429, { message: 'slow down' }),
      json(400, { status: 'ERROR', message: 'bad event' }),
      (_q, res) => {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html>gateway</html>');
      },
    );
    const client = createKakaoEventApiClient({ baseUrl: s.url, botId: 'bot', restApiKey: 'k' });
    await expect(client.send({ name: 'e' }, users(1))).rejects.toMatchObject({ code: 'RATE_LIMITED', retryable: true });
    await expect(client.send({ name: 'e' }, users(1))).rejects.toMatchObject({
      code: 'PROVIDER_FAILED',
      retryable: false,
    });
    await expect(client.send({ name: 'e' }, users(1))).rejects.toMatchObject({
      code: 'PROVIDER_FAILED',
      message: expect.stringMatching(/not JSON/u),
    });
  });

  it('times out instead of waiting on a silent server', async () => {
    const s = await scripted(hang);
    const client = createKakaoEventApiClient({ baseUrl: s.url, botId: 'bot', restApiKey: 'k', timeoutMs: 300 });
    const t0 = Date.now();
    await expect(client.send({ name: 'e' }, users(1))).rejects.toMatchObject({
      code: 'PROVIDER_FAILED',
      retryable: true,
    });
    expect(Date.now() - t0).toBeLessThan(3_000);
  });

  it('looks up a task result (the official sample shape) with GET and the same auth', async () => {
    const sample = {
      taskId: 'bf46deb1-0f4e-4837-96ea-02428d4d691c',
      status: '1 FAIL',
      allRequestCount: 2,
      successCount: 1,
      userKeyResolvingFailCount: 1,
      fail: { count: 1, list: [] },
    };
    const s = await scripted(json(200, sample));
    const client = createKakaoEventApiClient({ baseUrl: s.url, botId: 'bot', restApiKey: 'rest-api-key' });
    expect(await client.task(sample.taskId)).toEqual(sample);
    expect(s.requests[0]).toMatchObject({
      method: 'GET',
      url: `/v1/tasks/${sample.taskId}`,
      auth: 'KakaoAK rest-api-key',
    });
  });
});
