import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FeedRoute {
  body: string;
  contentType?: string;
  /** Served as ETag; a request with the same If-None-Match gets 304 and no body. */
  etag?: string;
}

export interface NewsFeedServer {
  url: string;
  /** Every request: path, query and headers (tests check the conditional GET and Naver's credentials). */
  requests: { path: string; query: URLSearchParams; headers: IncomingMessage['headers']; status: number }[];
  /** Bytes of /huge.xml written before the client dropped the connection. */
  hugeBytesSent(): number;
  set(path: string, route: FeedRoute): void;
  /** The Naver search API stand-in's items (its wire format: GET /v1/search/news.json, JSON with `items`). */
  setNaverItems(
    items: { title: string; originallink: string; link: string; description: string; pubDate: string }[],
  ): void;
  close(): Promise<void>;
}

const HUGE_BYTES = 50 * 1024 * 1024;

/**
 * A feed host on loopback. Besides the routes a test sets, it serves:
 * - /huge.xml: a 50 MB RSS feed, streamed (never held in memory here either), counting what it managed to send;
 * - /hang.xml: headers and the feed's opening tags, then nothing, forever;
 * - /v1/search/news.json: Naver's news search, 401 without the client id and secret headers.
 */
export async function startNewsFeedServer(
  naverCredentials = { id: 'naver-id', secret: 'naver-secret' },
): Promise<NewsFeedServer> {
  const routes = new Map<string, FeedRoute>();
  const requests: NewsFeedServer['requests'] = [];
  let naverItems: unknown[] = [];
  let hugeSent = 0;
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const log = (status: number) =>
      requests.push({ path: u.pathname, query: u.searchParams, headers: req.headers, status });
    if (u.pathname === '/hang.xml') {
      log(200);
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>slow</title>');
      return;
    }
    if (u.pathname === '/huge.xml') {
      log(200);
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const item = Buffer.from(
        `<item><title>${'padding '.repeat(100)}</title><link>https://huge.example/a</link></item>\n`,
      );
      res.write('<?xml version="1.0"?><rss version="2.0"><channel>');
      const pump = () => {
        while (hugeSent < HUGE_BYTES) {
          hugeSent += item.length;
          if (!res.write(item)) return void res.once('drain', pump);
        }
        res.end('</channel></rss>');
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
      return;
    }
    if (u.pathname === '/v1/search/news.json') {
      if (
        req.headers['x-naver-client-id'] !== naverCredentials.id ||
        req.headers['x-naver-client-secret'] !== naverCredentials.secret
      ) {
        log(401);
        res.writeHead(401, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            errorMessage: 'Not Exist Client ID : Authentication failed. (인증에 실패했습니다.)',
            errorCode: '024',
          }),
        );
        return;
      }
      log(200);
      const display = Number(u.searchParams.get('display') ?? 10);
      res.writeHead(200, { 'content-type': 'application/json;charset=utf-8' }).end(
        JSON.stringify({
          lastBuildDate: new Date().toUTCString(),
          total: naverItems.length,
          start: 1,
          display: Math.min(display, naverItems.length),
          items: naverItems.slice(0, display),
        }),
      );
      return;
    }
    const route = routes.get(u.pathname);
    if (!route) {
      log(404);
      res.writeHead(404).end();
      return;
    }
    if (route.etag && req.headers['if-none-match'] === route.etag) {
      log(304);
      res.writeHead(304, { etag: route.etag }).end();
      return;
    }
    log(200);
    res
      .writeHead(200, {
        'content-type': route.contentType ?? 'application/rss+xml; charset=utf-8',
        ...(route.etag ? { etag: route.etag } : {}),
      })
      .end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    hugeBytesSent: () => hugeSent,
    set: (path, route) => void routes.set(path, route),
    setNaverItems: (items) => void (naverItems = items),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An RSS 2.0 document from items (the text is put in as given: tests pass escaped or hostile markup on purpose). */
export function rss(items: { title: string; link: string; description?: string; pubDate?: string }[]): string {
  const body = items
    .map(
      (i) =>
        `<item><title>${i.title}</title><link>${i.link}</link>${i.description !== undefined ? `<description>${i.description}</description>` : ''}${i.pubDate !== undefined ? `<pubDate>${i.pubDate}</pubDate>` : ''}</item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>feed</title><link>https://example.org/</link>\n${body}\n</channel></rss>\n`;
}

/** An Atom 1.0 document. */
export function atom(entries: { title: string; link: string; summary?: string; updated: string }[]): string {
  const body = entries
    .map(
      (e) =>
        `<entry><title type="html">${e.title}</title><link rel="alternate" href="${e.link}"/><id>${e.link}</id><updated>${e.updated}</updated>${e.summary ? `<summary>${e.summary}</summary>` : ''}</entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>atom feed</title>\n${body}\n</feed>\n`;
}

/** The billion laughs: ten levels of ten references, 10^9 "lol"s if a parser expanded them. */
export function xmlBomb(): string {
  const levels = ['<!ENTITY lol "lol">'];
  for (let i = 1; i <= 9; i += 1) levels.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
  return `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n${levels.join('\n')}\n]>\n<rss version="2.0"><channel><item><title>&lol9;</title><link>https://bomb.example/1</link></item></channel></rss>`;
}

/** An external entity pointing at a local file (XXE). */
export function xxeFeed(): string {
  return `<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<rss version="2.0"><channel><item><title>&xxe;</title><link>https://xxe.example/1</link></item></channel></rss>`;
}
