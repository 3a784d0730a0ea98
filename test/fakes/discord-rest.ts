import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DiscordCall {
  method: string;
  path: string;
  body: Record<string, unknown>;
  files: number[];
  at: number;
  status: number;
}

function parseMultipart(body: Buffer, type: string): { json: Record<string, unknown>; files: number[] } {
  const boundary = /boundary="?([^";]+)"?/u.exec(type)?.[1];
  const out = { json: {} as Record<string, unknown>, files: [] as number[] };
  if (!boundary) return out;
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delimiter);
  while (pos >= 0) {
    const next = body.indexOf(delimiter, pos + delimiter.length);
    if (next < 0) break;
    const part = body.subarray(pos + delimiter.length, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd >= 0) {
      const headers = part.subarray(0, headerEnd).toString();
      let content = part.subarray(headerEnd + 4);
      if (content.subarray(-2).toString() === '\r\n') content = content.subarray(0, -2);
      if (/filename=/u.test(headers)) out.files.push(content.length);
      else if (/name="payload_json"/u.test(headers))
        out.json = JSON.parse(content.toString()) as Record<string, unknown>;
    }
    pos = next;
  }
  return out;
}

/**
 * A local stand-in of Discord's REST API for interaction webhooks (`/api/v10/webhooks/{app}/{token}...`):
 * JSON and multipart (payload_json + files) bodies, content <= 2000, embeds description <= 4096, and at most one
 * write per second per interaction token (429 with `retry_after` and rate-limit headers otherwise).
 */
export async function startFakeDiscord(
  options: { globalPerSecond?: number; blockedUsers?: string[]; botToken?: string } = {},
) {
  const calls: DiscordCall[] = [];
  // Discord's global limit: 50 requests/s per bot; a token bucket of one second's worth.
  const bucket = { tokens: options.globalPerSecond ?? 0, at: Date.now() };
  const takeGlobal = (at: number): boolean => {
    if (!options.globalPerSecond) return true;
    bucket.tokens = Math.min(
      options.globalPerSecond,
      bucket.tokens + ((at - bucket.at) / 1000) * options.globalPerSecond,
    );
    bucket.at = at;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  };
  const messages = new Map<string, string>();
  const lastWrite = new Map<string, number>();
  let nextId = 9000;
  // Refusals a test injects, answered with Discord's own status and JSON error body (e.g. 403 Missing Permissions).
  let refusal:
    | ((call: {
        method: string;
        path: string;
        body: Record<string, unknown>;
        files: number[];
      }) => { status: number; body: object } | undefined)
    | undefined;
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const type = req.headers['content-type'] ?? '';
    const { json, files } = type.startsWith('multipart/')
      ? parseMultipart(raw, type)
      : { json: raw.length ? (JSON.parse(raw.toString()) as Record<string, unknown>) : {}, files: [] };
    const path = decodeURIComponent((req.url ?? '').split('?')[0]!);
    const at = Date.now();
    const reply = (status: number, body: object, headers: Record<string, string> = {}) => {
      calls.push({ method: req.method ?? '', path, body: json, files, at, status });
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    };
    const refused = refusal?.({ method: req.method ?? '', path, body: json, files });
    if (refused) return reply(refused.status, refused.body);
    if (!takeGlobal(at))
      return reply(
        429,
        { message: 'You are being rate limited.', retry_after: 0.05, global: true },
        { 'retry-after': '1', 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' },
      );
    // The bot's own user: how a client proves its token (401 for any other token when botToken is set).
    if (path === '/api/v10/users/@me' && req.method === 'GET') {
      if (options.botToken && req.headers.authorization !== `Bot ${options.botToken}`)
        return reply(401, { message: '401: Unauthorized', code: 0 });
      return reply(200, { id: '4242', username: 'riskxpert', bot: true });
    }
    const commands = /^\/api\/v10\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/u.exec(path);
    if (commands && req.method === 'PUT') {
      const list = (raw.length ? JSON.parse(raw.toString()) : []) as { name: string; description: string }[];
      const bad = list.find(
        (c) =>
          !/^[-_\p{L}\p{N}]{1,32}$/u.test(c.name) ||
          c.name !== c.name.toLowerCase() ||
          c.description.length < 1 ||
          c.description.length > 100,
      );
      if (bad || list.length > 100) return reply(400, { message: 'Invalid Form Body', code: 50035 });
      return reply(
        200,
        list.map((c, i) => ({
          ...c,
          id: String(7000 + i),
          application_id: commands[1],
          ...(commands[2] ? { guild_id: commands[2] } : {}),
        })),
      );
    }
    if (path === '/api/v10/users/@me/channels' && req.method === 'POST') {
      const recipient = String((json as { recipient_id?: string }).recipient_id ?? '');
      return reply(200, { id: `dm-${recipient}`, type: 1, recipients: [{ id: recipient }] });
    }
    const channel = /^\/api\/v10\/channels\/([^/]+)\/messages$/u.exec(path);
    if (channel && req.method === 'POST') {
      if (channel[1] === 'dm-blocked' || options.blockedUsers?.includes(channel[1]!.slice(3)))
        return reply(403, { message: 'Cannot send messages to this user', code: 50007 });
      const last = lastWrite.get(channel[1]!);
      if (last !== undefined && at - last < 1000)
        return reply(429, { message: 'You are being rate limited.', retry_after: 1, global: false });
      lastWrite.set(channel[1]!, at);
      nextId += 1;
      return reply(200, {
        id: String(nextId),
        channel_id: channel[1],
        content: (json as { content?: string }).content,
      });
    }
    const m = /^\/api\/v10\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/([^/]+))?$/u.exec(path);
    if (!m) return reply(404, { message: 'Unknown route', code: 0 });
    const token = m[2]!;
    const previous = lastWrite.get(token);
    if (previous !== undefined && at - previous < 1000) {
      const retry = (1000 - (at - previous)) / 1000;
      return reply(
        429,
        { message: 'You are being rate limited.', retry_after: retry, global: false },
        { 'retry-after': String(Math.ceil(retry)), 'x-ratelimit-scope': 'user' },
      );
    }
    const content = typeof json.content === 'string' ? json.content : undefined;
    if (content !== undefined && content.length > 2000)
      return reply(400, {
        message: 'Invalid Form Body',
        code: 50035,
        errors: {
          content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] },
        },
      });
    // Message components: at most 5 action rows of at most 5 buttons, custom_id 1..100 and label <= 80 characters.
    const rows = (json as { components?: { components?: { custom_id?: string; label?: string }[] }[] }).components;
    if (
      rows &&
      (rows.length > 5 ||
        rows.some(
          (r) =>
            !r.components ||
            r.components.length === 0 ||
            r.components.length > 5 ||
            r.components.some((b) => !b.custom_id || b.custom_id.length > 100 || (b.label ?? '').length > 80),
        ))
    ) {
      return reply(400, {
        message: 'Invalid Form Body',
        code: 50035,
        errors: { components: { _errors: [{ code: 'COMPONENT_LAYOUT_INVALID', message: 'Invalid components.' }] } },
      });
    }
    lastWrite.set(token, at);
    if (req.method === 'PATCH' && m[3]) {
      const key = `${token}:${m[3]}`;
      if (content !== undefined) messages.set(key, content);
      return reply(200, {
        id: m[3] === '@original' ? `${token.slice(0, 6)}-original` : m[3],
        content: messages.get(key) ?? '',
      });
    }
    if (req.method === 'POST' && !m[3]) {
      nextId += 1;
      messages.set(`${token}:${nextId}`, content ?? '');
      return reply(200, { id: String(nextId), content });
    }
    return reply(405, { message: 'Method not allowed', code: 0 });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    api: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`,
    calls,
    /** Answers matching requests with a Discord error, e.g. files → 403 {message: 'Missing Permissions', code: 50013}. */
    refuse(rule: typeof refusal) {
      refusal = rule;
    },
    /** DM messages accepted per recipient user id (channel `dm-<id>`). */
    deliveredPerUser(): Map<string, number> {
      const out = new Map<string, number>();
      for (const c of calls) {
        const m = /^\/api\/v10\/channels\/dm-([^/]+)\/messages$/u.exec(c.path);
        if (m && c.method === 'POST' && c.status === 200) out.set(m[1]!, (out.get(m[1]!) ?? 0) + 1);
      }
      return out;
    },
    /** Message texts for one interaction token, the original first, then follow-ups in order. */
    texts(token: string): string[] {
      return [...messages.entries()].filter(([k]) => k.startsWith(`${token}:`)).map(([, v]) => v);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
