import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Ways a stand-in misbehaves, consumed one per request in order:
 * - 429 / 500: the status with a short body (429 carries Retry-After: 0)
 * - hang: headers never come
 * - stall: headers and half the body, then nothing (a proxy that stops mid-transfer)
 * - half: Content-Length of the whole body, half of it, then the socket is destroyed
 * - half-clean: half the body and a clean end (chunked), as a broken proxy would deliver it
 * - html: a 200 HTML page (captive portal, maintenance page)
 */
export type Misbehaviour = 429 | 500 | 'hang' | 'stall' | 'half' | 'half-clean' | 'html';

export interface FakeHttp {
  url: string;
  /** Every request seen: path and query (keys included, so tests can check what was sent). */
  requests: {
    method: string;
    path: string;
    query: URLSearchParams;
    headers: IncomingMessage['headers'];
    body: string;
  }[];
  misbehave(...modes: Misbehaviour[]): void;
  close(): Promise<void>;
}

/** Applies the next scripted misbehaviour, if any; true when it answered (or deliberately did not). */
export function misbehaveOnce(queue: Misbehaviour[], res: ServerResponse, fullBody: () => string): boolean {
  const mode = queue.shift();
  if (mode === undefined) return false;
  if (mode === 429) {
    res.writeHead(429, { 'content-type': 'text/plain', 'retry-after': '0' }).end('Too Many Requests');
  } else if (mode === 500) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
  } else if (mode === 'hang') {
    // Keep the socket open and say nothing.
  } else if (mode === 'html') {
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end('<!DOCTYPE html><html><body><h1>Service temporarily unavailable</h1></body></html>\n');
  } else {
    const body = Buffer.from(fullBody());
    // Cut inside a line, never just after a newline: the half-written last line is the point.
    let cut = Math.max(1, Math.floor(body.length / 2));
    while (cut < body.length - 1 && (body[cut - 1] === 0x0a || body[cut] === 0x0a)) cut += 1;
    const half = body.subarray(0, cut);
    if (mode === 'half') {
      res.writeHead(200, { 'content-type': 'text/csv', 'content-length': String(body.length) });
      res.write(half, () => res.destroy());
    } else if (mode === 'half-clean') {
      res.writeHead(200, { 'content-type': 'text/csv' });
      res.end(half);
    } else {
      res.writeHead(200, { 'content-type': 'text/csv', 'content-length': String(body.length) });
      res.write(half);
    }
  }
  return true;
}

export async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export interface FredFakeOptions {
  /** Series id -> rows; value '' or '.' is a missing observation. */
  series: Record<string, { date: string; value: string }[]>;
  /** Key the JSON API accepts. */
  apiKey?: string;
  /** Older exports: `DATE` header and "." for missing values. */
  legacyCsv?: boolean;
}

/**
 * FRED stand-in: GET /graph/fredgraph.csv?id=ID[&cosd&coed] (the keyless download) and
 * GET /fred/series/observations?series_id&api_key&file_type=json&limit&offset&observation_start&observation_end.
 */
export async function startFredServer(options: FredFakeOptions): Promise<FakeHttp> {
  const queue: Misbehaviour[] = [];
  const requests: FakeHttp['requests'] = [];
  const inRange = (d: string, from: string | null, to: string | null) => (!from || d >= from) && (!to || d <= to);

  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    requests.push({
      method: req.method ?? 'GET',
      path: u.pathname,
      query: u.searchParams,
      headers: req.headers,
      body: '',
    });
    if (u.pathname === '/graph/fredgraph.csv') {
      const id = u.searchParams.get('id') ?? '';
      const rows = options.series[id];
      const csv = () => {
        const head = options.legacyCsv ? `DATE,${id}\n` : `observation_date,${id}\n`;
        const lines = (rows ?? [])
          .filter((r) => inRange(r.date, u.searchParams.get('cosd'), u.searchParams.get('coed')))
          .map((r) => `${r.date},${options.legacyCsv && r.value === '' ? '.' : r.value}\n`);
        return head + lines.join('');
      };
      if (misbehaveOnce(queue, res, csv)) return;
      if (!rows) {
        res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>Series not found</body></html>');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/csv' }).end(csv());
      return;
    }
    if (u.pathname === '/fred/series/observations') {
      const q = u.searchParams;
      const id = q.get('series_id') ?? '';
      const limit = Number(q.get('limit') ?? '100000');
      const offset = Number(q.get('offset') ?? '0');
      const rows = (options.series[id] ?? []).filter((r) =>
        inRange(r.date, q.get('observation_start'), q.get('observation_end')),
      );
      const page = () =>
        JSON.stringify({
          realtime_start: '2026-01-01',
          realtime_end: '2026-01-01',
          observation_start: q.get('observation_start') ?? '1600-01-01',
          observation_end: q.get('observation_end') ?? '9999-12-31',
          units: 'lin',
          output_type: 1,
          file_type: 'json',
          order_by: 'observation_date',
          sort_order: 'asc',
          count: rows.length,
          offset,
          limit,
          observations: rows.slice(offset, offset + limit).map((r) => ({
            realtime_start: '2026-01-01',
            realtime_end: '2026-01-01',
            date: r.date,
            value: r.value === '' ? '.' : r.value,
          })),
        });
      if (misbehaveOnce(queue, res, page)) return;
      const error = (status: number, message: string) =>
        res
          .writeHead(status, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error_code: status, error_message: message }));
      if (q.get('api_key') !== options.apiKey)
        return void error(
          400,
          `Bad Request.  The value for variable api_key is not registered.  Read https://fred.stlouisfed.org/docs/api/api_key.html for more information.`,
        );
      if (q.get('file_type') !== 'json')
        return void error(400, 'Bad Request.  Variable file_type is not one of the following: xml, json.');
      if (!Number.isInteger(limit) || limit < 1 || limit > 100000)
        return void error(400, 'Bad Request.  Variable limit is not between 1 and 100000.');
      if (!options.series[id]) return void error(400, 'Bad Request.  The series does not exist.');
      res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' }).end(page());
      return;
    }
    res.writeHead(404).end();
  });
  const url = await listen(server);
  return { url, requests, misbehave: (...m) => void queue.push(...m), close: () => closeServer(server) };
}
