import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the stand-in does with the next request. */
export type Behaviour =
  | { kind: 'ok'; text: string; chunkSize?: number; delayMs?: number }
  | { kind: 'status'; status: number; retryAfter?: number; message?: string }
  | { kind: 'hang' }
  | { kind: 'stall'; text: string; after: number }
  | { kind: 'garbage'; text: string };

export interface RecordedRequest {
  headers: IncomingMessage['headers'];
  body: {
    model: string;
    messages: { role: string; content: string }[];
    stream?: boolean;
    stream_options?: { include_usage?: boolean };
  };
}

/**
 * A local stand-in of OpenAI's chat completions endpoint (POST /v1/chat/completions) that speaks the real wire
 * format: JSON completions, and with `stream: true` Server-Sent Events of chat.completion.chunk objects ending in
 * `data: [DONE]`, with a usage chunk when `stream_options.include_usage` is set. Behaviours are scripted per request.
 */
export async function startFakeOpenAi(): Promise<{
  url: string;
  requests: RecordedRequest[];
  script(...b: Behaviour[]): void;
  closedSockets(): number;
  /** How GET /v1/models answers from now on ('ok', 'hang', or an HTTP error status), and how often it was asked. */
  setModels(mode: 'ok' | 'hang' | number): void;
  modelListings(): number;
  close(): Promise<void>;
}> {
  const queue: Behaviour[] = [];
  const requests: RecordedRequest[] = [];
  const hanging = new Set<() => void>();
  let closed = 0;
  const models: { mode: 'ok' | 'hang' | number; listings: number } = { mode: 'ok', listings: 0 };

  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString()));
    req.on('end', () => {
      if (req.method === 'GET' && req.url === '/v1/models') {
        // GET /v1/models, the cheap reachability probe: a real list page, or the scripted failure.
        models.listings += 1;
        if (models.mode === 'hang') {
          hanging.add(() => res.destroy());
          return;
        }
        if (typeof models.mode === 'number') {
          res.writeHead(models.mode, { 'content-type': 'application/json' }).end(
            JSON.stringify({
              error: { message: `status ${models.mode}`, type: 'server_error', code: null, param: null },
            }),
          );
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            object: 'list',
            data: [{ id: 'gpt-4o-mini', object: 'model', created: 1_700_000_000, owned_by: 'system' }],
          }),
        );
        return;
      }
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res
          .writeHead(404, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { message: 'not found', type: 'invalid_request_error' } }));
        return;
      }
      const body = JSON.parse(raw) as RecordedRequest['body'];
      requests.push({ headers: req.headers, body });
      res.on('close', () => {
        if (!res.writableEnded) closed += 1;
      });
      const b = queue.shift() ?? { kind: 'ok', text: 'ok' };
      const id = `chatcmpl-${requests.length}`;
      const created = Math.floor(Date.now() / 1000);
      const usage = { prompt_tokens: 120, completion_tokens: 40, total_tokens: 160 };

      if (b.kind === 'status') {
        const headers: Record<string, string> = { 'content-type': 'application/json', 'x-request-id': id };
        if (b.retryAfter !== undefined) headers['retry-after'] = String(b.retryAfter);
        res.writeHead(b.status, headers).end(
          JSON.stringify({
            error: {
              message: b.message ?? `status ${b.status}`,
              type: b.status === 429 ? 'rate_limit_exceeded' : 'server_error',
              code: null,
              param: null,
            },
          }),
        );
        return;
      }
      if (b.kind === 'hang') {
        hanging.add(() => res.destroy());
        return;
      }
      if (!body.stream) {
        const text = b.kind === 'ok' ? b.text : '';
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            id,
            object: 'chat.completion',
            created,
            model: body.model,
            choices: [
              {
                index: 0,
                message: { role: 'assistant', content: text, refusal: null },
                finish_reason: 'stop',
                logprobs: null,
              },
            ],
            usage,
          }),
        );
        return;
      }
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
      });
      const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] })}\n\n`;
      const text = b.text;
      const size = b.kind === 'ok' ? (b.chunkSize ?? 7) : 7;
      const pieces: string[] = [];
      for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
      void (async () => {
        res.write(chunk({ role: 'assistant', content: '' }));
        for (const [i, piece] of pieces.entries()) {
          if (b.kind === 'stall' && i === b.after) {
            hanging.add(() => res.destroy());
            return;
          }
          if (b.kind === 'garbage' && i === 2) {
            res.write('data: {"id": "broken", "choices": [ {"delta": \n\n');
          }
          res.write(chunk({ content: piece }));
          if (b.kind === 'ok' && b.delayMs) await new Promise((r) => setTimeout(r, b.delayMs));
        }
        res.write(chunk({}, 'stop'));
        if (body.stream_options?.include_usage) {
          res.write(
            `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [], usage })}\n\n`,
          );
        }
        res.end('data: [DONE]\n\n');
      })();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...b) => queue.push(...b),
    closedSockets: () => closed,
    setModels: (mode) => void (models.mode = mode),
    modelListings: () => models.listings,
    async close() {
      for (const h of hanging) h();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
