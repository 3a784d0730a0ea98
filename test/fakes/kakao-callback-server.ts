import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

export interface CallbackArrival {
  token: string;
  at: number;
  body: unknown;
  accepted: boolean;
}

/**
 * Local stand-in of Kakao's AI-chatbot callback endpoint: each issued URL accepts exactly one POST within its
 * validity (60 s by default) and answers like Kakao ({taskId, status, message, timestamp}); a second POST or a
 * late one is refused with status "FAIL" and Kakao's error text.
 */
export async function startKakaoCallbackServer(options: { validityMs?: number } = {}) {
  const validity = options.validityMs ?? 60_000;
  const issued = new Map<string, { issuedAt: number; used: boolean }>();
  const arrivals: CallbackArrival[] = [];
  let notify: (() => void)[] = [];

  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString()));
    req.on('end', () => {
      const token = req.url?.split('/').pop() ?? '';
      const entry = issued.get(token);
      const now = Date.now();
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
      const reply = (status: number, json: object, accepted: boolean) => {
        arrivals.push({ token, at: now, body, accepted });
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
        const waiting = notify;
        notify = [];
        for (const w of waiting) w();
      };
      if (req.method !== 'POST' || !entry) return reply(400, { taskId: randomUUID(), status: 'ERROR', message: 'Invalid callback token.', timestamp: now }, false);
      if (entry.used || now - entry.issuedAt > validity) {
        return reply(400, { taskId: randomUUID(), status: 'FAIL', message: 'Invalid callback token. (1분이내 요청 필요)', timestamp: now }, false);
      }
      if (typeof body !== 'object' || body === null || (body as { version?: string }).version !== '2.0') {
        return reply(400, { taskId: randomUUID(), status: 'ERROR', message: 'Invalid json response from bot-skill.', timestamp: now }, false);
      }
      entry.used = true;
      reply(200, { taskId: randomUUID(), status: 'SUCCESS', message: '', timestamp: now }, true);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    arrivals,
    /** A fresh one-use callback URL, as Kakao puts in userRequest.callbackUrl. */
    issue(): string {
      const token = randomUUID();
      issued.set(token, { issuedAt: Date.now(), used: false });
      return `${base}/v1/callback/${token}`;
    },
    async waitForArrivals(n: number, timeoutMs: number): Promise<void> {
      const until = Date.now() + timeoutMs;
      while (arrivals.length < n && Date.now() < until) {
        await new Promise<void>((r) => {
          notify.push(r);
          setTimeout(r, 100);
        });
      }
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
