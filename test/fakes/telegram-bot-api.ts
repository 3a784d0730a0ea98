import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
  at: number;
  /** Outcome: 'ok' or the error description sent back. */
  outcome: string;
  photoBytes?: number;
}

interface Chat {
  id: number;
  type: 'private' | 'group' | 'supergroup';
}

/**
 * A local stand-in of the Telegram Bot API (`/bot<token>/<method>`), speaking its JSON and multipart formats and
 * enforcing the limits RiskXpert must respect: text 1..4096, caption <= 1024, at most one message or edit per
 * second per chat (429 with retry_after otherwise), "message is not modified", drafts only in private chats,
 * 403 for users who blocked the bot. Every call is recorded.
 */
export async function startFakeTelegram(options: {
  token: string;
  perChatMinGapMs?: number;
  blocked?: number[];
  /** Bot-wide sends per second (Telegram's ~30/s broadcast limit), as a token bucket holding `globalBurst`. */
  globalPerSecond?: number;
  globalBurst?: number;
  /** Answers the first N calls of a method with this error, e.g. { setMyCommands: { times: 2, code: 503 } }. */
  failFirst?: Record<string, { times: number; code: number }>;
}) {
  const calls: ApiCall[] = [];
  const bucket = { tokens: options.globalBurst ?? options.globalPerSecond ?? 0, at: Date.now() };
  const takeGlobal = (at: number): boolean => {
    if (!options.globalPerSecond) return true;
    const burst = options.globalBurst ?? options.globalPerSecond;
    bucket.tokens = Math.min(burst, bucket.tokens + ((at - bucket.at) / 1000) * options.globalPerSecond);
    bucket.at = at;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  };
  const lastSend = new Map<number, number>();
  const messages = new Map<string, string>();
  let messageId = 100;
  const gap = options.perChatMinGapMs ?? 1000;
  // Refusals a test injects per method, with the Bot API's own status and body (e.g. a group that bars photos).
  const refusals = new Map<string, { status: number; body: { ok: false; error_code: number; description: string } }>();

  async function readParams(req: IncomingMessage): Promise<{ params: Record<string, unknown>; photoBytes?: number }> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('multipart/form-data')) {
      // A small RFC 7578 reader: grammY streams its own multipart body, which undici's FormData parser rejects.
      const boundary = /boundary="?([^";]+)"?/u.exec(type)?.[1];
      if (!boundary) return { params: {} };
      const params: Record<string, unknown> = {};
      let photoBytes: number | undefined;
      const delimiter = Buffer.from(`--${boundary}`);
      let pos = body.indexOf(delimiter);
      while (pos >= 0) {
        const start = pos + delimiter.length;
        const next = body.indexOf(delimiter, start);
        if (next < 0) break;
        const part = body.subarray(start, next);
        const headerEnd = part.indexOf('\r\n\r\n');
        if (headerEnd >= 0) {
          const headers = part.subarray(0, headerEnd).toString();
          let content = part.subarray(headerEnd + 4);
          if (content.subarray(-2).toString() === '\r\n') content = content.subarray(0, -2);
          const name = /name="([^"]+)"/u.exec(headers)?.[1];
          if (/filename=/u.test(headers)) photoBytes = content.length;
          else if (name)
            params[name] =
              /^-?\d+$/u.test(content.toString()) && name.endsWith('_id')
                ? Number(content.toString())
                : content.toString();
        }
        pos = next;
      }
      return { params, ...(photoBytes !== undefined ? { photoBytes } : {}) };
    }
    return { params: body.length ? (JSON.parse(body.toString()) as Record<string, unknown>) : {} };
  }

  const server: Server = createServer(async (req, res) => {
    const match = /^\/bot([^/]+)\/(\w+)$/u.exec(req.url ?? '');
    const send = (status: number, json: object) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    if (!match || match[1] !== options.token)
      return send(404, { ok: false, error_code: 404, description: 'Not Found' });
    const method = match[2]!;
    const { params, photoBytes } = await readParams(req);
    const at = Date.now();
    const record = (outcome: string) =>
      calls.push({ method, params, at, outcome, ...(photoBytes !== undefined ? { photoBytes } : {}) });
    const fail = (code: number, description: string, extra: object = {}) => {
      record(description);
      send(code, { ok: false, error_code: code, description, ...extra });
    };
    const ok = (result: unknown) => {
      record('ok');
      send(200, { ok: true, result });
    };
    const refusal = refusals.get(method);
    if (refusal) {
      record(refusal.body.description);
      return send(refusal.status, refusal.body);
    }
    const chatId = Number(params.chat_id);
    const chat: Chat = { id: chatId, type: chatId > 0 ? 'private' : 'supergroup' };

    const failing = options.failFirst?.[method];
    if (failing && failing.times > 0) {
      failing.times -= 1;
      return fail(
        failing.code,
        failing.code === 429 ? 'Too Many Requests: retry after 1' : 'Internal Server Error',
        failing.code === 429 ? { parameters: { retry_after: 1 } } : {},
      );
    }

    switch (method) {
      case 'getUpdates':
        // Long polling with nothing to deliver: hold the request briefly, as Telegram holds it for `timeout`.
        await new Promise((r) => setTimeout(r, Math.min(Number(params.timeout ?? 0) * 1000, 200)));
        return ok([]);
      case 'getMe':
        return ok({
          id: 42,
          is_bot: true,
          first_name: 'RiskXpert',
          username: 'riskxpert_bot',
          can_join_groups: true,
          can_read_all_group_messages: false,
          supports_inline_queries: false,
        });
      case 'setMyCommands':
      case 'answerCallbackQuery':
      case 'deleteWebhook':
        return ok(true);
      case 'sendChatAction':
        return ok(true);
      case 'sendMessageDraft': {
        if (chat.type !== 'private') return fail(400, 'Bad Request: drafts can be sent only to private chats');
        const text = String(params.text ?? '');
        if (text.length > 4096) return fail(400, 'Bad Request: text is too long');
        return ok(true);
      }
      case 'sendMessage':
      case 'sendPhoto':
      case 'editMessageText': {
        if (options.blocked?.includes(chatId)) return fail(403, 'Forbidden: bot was blocked by the user');
        const previous = lastSend.get(chatId);
        if (method !== 'editMessageText' && !takeGlobal(at))
          return fail(429, 'Too Many Requests: retry after 1', { parameters: { retry_after: 1 } });
        if (previous !== undefined && at - previous < gap) {
          const retryAfter = Math.ceil((gap - (at - previous)) / 1000);
          return fail(429, `Too Many Requests: retry after ${retryAfter}`, { parameters: { retry_after: retryAfter } });
        }
        // Inline buttons carry 1..64 bytes of callback data (sendPhoto's multipart sends the markup as JSON text).
        const markup =
          typeof params.reply_markup === 'string' ? (JSON.parse(params.reply_markup) as unknown) : params.reply_markup;
        const buttons =
          (markup as { inline_keyboard?: { callback_data?: string }[][] } | undefined)?.inline_keyboard?.flat() ?? [];
        if (
          buttons.some(
            (b) =>
              b.callback_data !== undefined &&
              (b.callback_data.length === 0 || Buffer.byteLength(b.callback_data) > 64),
          )
        ) {
          return fail(400, 'Bad Request: BUTTON_DATA_INVALID');
        }
        if (method === 'sendPhoto') {
          const caption = String(params.caption ?? '');
          if (caption.length > 1024) return fail(400, 'Bad Request: message caption is too long');
          if (!photoBytes) return fail(400, 'Bad Request: there is no photo in the request');
        } else {
          const text = String(params.text ?? '');
          if (text.length === 0) return fail(400, 'Bad Request: message text is empty');
          if (text.length > 4096) return fail(400, 'Bad Request: message is too long');
        }
        if (method === 'editMessageText') {
          const key = `${chatId}:${String(params.message_id)}`;
          if (!messages.has(key)) return fail(400, 'Bad Request: message to edit not found');
          if (messages.get(key) === params.text) {
            return fail(
              400,
              'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
            );
          }
          messages.set(key, String(params.text));
          lastSend.set(chatId, at);
          return ok({ message_id: Number(params.message_id), date: Math.floor(at / 1000), chat, text: params.text });
        }
        lastSend.set(chatId, at);
        messageId += 1;
        messages.set(`${chatId}:${messageId}`, String(params.text ?? ''));
        return ok({
          message_id: messageId,
          date: Math.floor(at / 1000),
          chat,
          ...(method === 'sendMessage'
            ? { text: params.text }
            : { photo: [{ file_id: 'p', file_unique_id: 'u', width: 800, height: 450 }] }),
        });
      }
      default:
        return fail(400, `Bad Request: method ${method} not supported by the stand-in`);
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    apiRoot: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    /** From now on `method` answers with this Bot API error, e.g. refuse('sendPhoto', 400, 'Bad Request: not enough rights to send photos to the chat'). */
    refuse(method: string, status: number, description: string) {
      refusals.set(method, { status, body: { ok: false, error_code: status, description } });
    },
    /** Messages accepted per chat (sendMessage and sendPhoto answered ok). */
    deliveredPerChat(): Map<number, number> {
      const out = new Map<number, number>();
      for (const c of calls)
        if ((c.method === 'sendMessage' || c.method === 'sendPhoto') && c.outcome === 'ok')
          out.set(Number(c.params.chat_id), (out.get(Number(c.params.chat_id)) ?? 0) + 1);
      return out;
    },
    /** The current text of every message the bot left in a chat, in order. */
    finalTexts(chatId: number): string[] {
      return [...messages.entries()].filter(([k]) => k.startsWith(`${chatId}:`)).map(([, v]) => v);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
