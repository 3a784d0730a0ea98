import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EventApiRequest {
  at: number;
  status: number;
  users: string[];
  event?: { name: string; data?: Record<string, string> };
}

/**
 * A local stand-in of the Kakao Event API: `POST /v2/bots/{botId}/talk` with `Authorization: KakaoAK <key>`,
 * at most 100 distinct users per request (400 otherwise), `requestsPerSecond` as a token bucket (429 beyond it:
 * Kakao documents no request rate, so this is the limit RiskXpert is configured to respect), 15 KRW billed per
 * user accepted, and `GET /v1/tasks/{taskId}` with per-user results (blocked users fail).
 */
export async function startFakeKakaoEventApi(options: {
  botId: string;
  restApiKey: string;
  requestsPerSecond?: number;
  blocked?: string[];
  pricePerMessageKrw?: number;
}) {
  const requests: EventApiRequest[] = [];
  const delivered = new Map<string, number>();
  const tasks = new Map<string, { all: number; success: number; failed: string[] }>();
  let billedKrw = 0;
  const rate = options.requestsPerSecond;
  const bucket = { tokens: rate ?? 0, at: Date.now() };
  const take = (at: number) => {
    if (!rate) return true;
    bucket.tokens = Math.min(rate, bucket.tokens + ((at - bucket.at) / 1000) * rate);
    bucket.at = at;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  };

  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const at = Date.now();
    const send = (status: number, body: object, users: string[] = [], event?: EventApiRequest['event']) => {
      requests.push({ at, status, users, ...(event ? { event } : {}) });
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `KakaoAK ${options.restApiKey}`)
      return send(401, { code: -401, message: 'wrong appKey' });
    const url = req.url ?? '';
    const task = /^\/v1\/tasks\/([0-9a-f-]{36})$/u.exec(url);
    if (task && req.method === 'GET') {
      const t = tasks.get(task[1]!);
      if (!t) return send(404, { code: -404, message: 'task not found' });
      return send(200, {
        taskId: task[1],
        status: t.failed.length ? `${t.failed.length} FAIL` : 'ALL SUCCESS',
        allRequestCount: t.all,
        successCount: t.success,
        userKeyResolvingFailCount: 0,
        fail: {
          count: t.failed.length,
          list: t.failed.map((id) => ({ user: { type: 'botUserKey', id }, reason: 'BLOCKED' })),
        },
      });
    }
    if (url !== `/v2/bots/${encodeURIComponent(options.botId)}/talk` || req.method !== 'POST')
      return send(404, { code: -404, message: 'not found' });
    let body: { event?: { name?: unknown; data?: Record<string, string> }; user?: { type?: string; id?: string }[] };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString()) as typeof body;
    } catch {
      return send(400, { code: -400, message: 'invalid json' });
    }
    const users = (body.user ?? []).map((u) => String(u.id));
    if (typeof body.event?.name !== 'string' || users.length === 0)
      return send(400, { code: -400, message: 'event.name and user are required' }, users);
    if (users.length > 100) return send(400, { code: -400, message: 'user must be at most 100' }, users);
    if (new Set(users).size !== users.length) return send(400, { code: -400, message: 'duplicate user' }, users);
    if (
      (body.user ?? []).some((u) => u.type !== 'botUserKey' && u.type !== 'plusfriendUserKey' && u.type !== 'appUserId')
    )
      return send(400, { code: -400, message: 'bad user type' }, users);
    if (!take(at)) return send(429, { code: -429, message: 'too many requests' }, users);
    const taskId = randomUUID();
    const failed = users.filter((u) => options.blocked?.includes(u));
    for (const u of users) {
      if (failed.includes(u)) continue;
      delivered.set(u, (delivered.get(u) ?? 0) + 1);
      billedKrw += options.pricePerMessageKrw ?? 15;
    }
    tasks.set(taskId, { all: users.length, success: users.length - failed.length, failed });
    return send(200, { taskId, status: 'SUCCESS', timestamp: at }, users, {
      name: body.event.name,
      ...(body.event.data ? { data: body.event.data } : {}),
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    /** Messages delivered per botUserKey. */
    delivered,
    billedKrw: () => billedKrw,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
