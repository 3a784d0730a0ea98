import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

/**
 * The documented SkillResponse limits, written here independently of the adapter's own validator so a bug there
 * cannot hide itself: version "2.0", no useCallback, 1..3 outputs of known kinds, simpleText 1..1000 chars,
 * simpleImage with an http(s) URL and altText <= 50, quickReplies <= 10 with labels 1..14 chars.
 */
export function skillResponseProblems(body: unknown): string[] {
  const problems: string[] = [];
  const len = (s: unknown) => (typeof s === 'string' ? Array.from(s).length : -1);
  if (typeof body !== 'object' || body === null) return ['not a JSON object'];
  const r = body as {
    version?: unknown;
    useCallback?: unknown;
    template?: { outputs?: unknown; quickReplies?: unknown };
  };
  if (r.version !== '2.0') problems.push('version is not "2.0"');
  if (r.useCallback !== undefined) problems.push('useCallback in a callback body');
  const outputs = r.template?.outputs;
  if (!Array.isArray(outputs) || outputs.length < 1 || outputs.length > 3) problems.push('outputs must be 1..3');
  for (const o of Array.isArray(outputs) ? (outputs as Record<string, Record<string, unknown>>[]) : []) {
    const kinds = Object.keys(o);
    if (kinds.length !== 1) problems.push('an output must have exactly one component');
    if (o.simpleText) {
      const n = len(o.simpleText.text);
      if (n < 1 || n > 1000) problems.push(`simpleText of ${n} chars`);
    } else if (o.simpleImage) {
      if (typeof o.simpleImage.imageUrl !== 'string' || !/^https?:\/\//u.test(o.simpleImage.imageUrl))
        problems.push('simpleImage.imageUrl not http(s)');
      const n = len(o.simpleImage.altText);
      if (n < 0 || n > 50) problems.push(`altText of ${n} chars`);
    } else {
      problems.push(`unexpected component ${kinds.join(',')}`);
    }
  }
  const replies = r.template?.quickReplies;
  if (replies !== undefined) {
    if (!Array.isArray(replies) || replies.length > 10) problems.push('quickReplies must be at most 10');
    for (const q of Array.isArray(replies)
      ? (replies as { label?: unknown; action?: unknown; messageText?: unknown }[])
      : []) {
      const n = len(q.label);
      if (n < 1 || n > 14) problems.push(`quick reply label of ${n} chars`);
      if (q.action !== 'message' && q.action !== 'block') problems.push('quick reply action must be message or block');
      if (q.action === 'message' && (typeof q.messageText !== 'string' || !q.messageText.trim()))
        problems.push('message quick reply without messageText');
    }
  }
  return problems;
}

export interface CallbackArrival {
  token: string;
  at: number;
  body: unknown;
  accepted: boolean;
  /** Why the body broke the SkillResponse limits (empty when it did not). */
  problems: string[];
}

/**
 * Local stand-in of Kakao's AI-chatbot callback endpoint: each issued URL accepts exactly one POST within its
 * validity (60 s by default) and answers like Kakao ({taskId, status, message, timestamp}); a second POST or a
 * late one is refused with status "FAIL" and Kakao's error text; a body outside the SkillResponse limits is refused
 * with "Invalid json response from bot-skill.".
 */
export async function startKakaoCallbackServer(
  options: { validityMs?: number; refuseImages?: boolean; now?: () => number } = {},
) {
  const validity = options.validityMs ?? 60_000;
  // An injectable clock lets a test expire a URL without sleeping past its validity.
  const clock = options.now ?? Date.now;
  const issued = new Map<string, { issuedAt: number; used: boolean }>();
  const arrivals: CallbackArrival[] = [];
  let notify: (() => void)[] = [];

  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString()));
    req.on('end', () => {
      const token = req.url?.split('/').pop() ?? '';
      const entry = issued.get(token);
      const now = clock();
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
      const problems = skillResponseProblems(body);
      // A test may play Kakao refusing the chart image (e.g. it could not fetch or validate the image URL).
      if (options.refuseImages && JSON.stringify(body).includes('simpleImage')) problems.push('image refused');
      const reply = (status: number, json: object, accepted: boolean) => {
        arrivals.push({ token, at: now, body, accepted, problems });
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
        const waiting = notify;
        notify = [];
        for (const w of waiting) w();
      };
      if (req.method !== 'POST' || !entry)
        return reply(
          400,
          { taskId: randomUUID(), status: 'ERROR', message: 'Invalid callback token.', timestamp: now },
          false,
        );
      if (entry.used || now - entry.issuedAt > validity) {
        return reply(
          400,
          {
            taskId: randomUUID(),
            status: 'FAIL',
            message: 'Invalid callback token. (1분이내 요청 필요)',
            timestamp: now,
          },
          false,
        );
      }
      // A body that breaks the limits is refused as Kakao does; here the URL stays usable (Kakao does not document it).
      if (problems.length > 0) {
        return reply(
          400,
          { taskId: randomUUID(), status: 'ERROR', message: 'Invalid json response from bot-skill.', timestamp: now },
          false,
        );
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
      issued.set(token, { issuedAt: clock(), used: false });
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
