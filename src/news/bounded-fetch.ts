import type { OutboundUrlGuard } from '../net/outbound-url-guard.js';

export type BoundedResult =
  | { kind: 'ok'; text: string; bytes: number; etag?: string; lastModified?: string }
  | { kind: 'not-modified' }
  | { kind: 'too-large'; bytes: number }
  | { kind: 'http-error'; status: number };

/** Korean feeds still come in EUC-KR: the header's charset, else the XML declaration's, else UTF-8. */
function charsetOf(contentType: string | null, body: Buffer): string {
  const declared =
    /charset=["']?([\w-]+)/iu.exec(contentType ?? '')?.[1] ??
    /^<\?xml[^>]*encoding=["']([\w-]+)["']/iu.exec(body.subarray(0, 200).toString('latin1'))?.[1];
  if (!declared) return 'utf-8';
  try {
    new TextDecoder(declared);
    return declared;
  } catch {
    return 'utf-8';
  }
}

export interface BoundedFetchOptions {
  maxBytes: number;
  timeoutMs: number;
  etag?: string;
  lastModified?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/**
 * One GET through the outbound guard with a byte and a time limit: the body is read as a stream and the connection
 * dropped as soon as it passes `maxBytes` (a 50 MB feed costs `maxBytes` of memory, not 50 MB), and the whole
 * exchange, body included, is aborted at `timeoutMs` (a feed that sends its headers and then hangs times out too).
 */
export async function boundedGet(
  guard: OutboundUrlGuard,
  url: string,
  options: BoundedFetchOptions,
): Promise<BoundedResult> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const headers: Record<string, string> = {
    accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1',
    'user-agent': 'RiskXpert-news/0.1 (+https://github.com/riskxpert)',
    ...options.headers,
  };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  const res = await guard.fetch(url, { method: 'GET', headers, signal });
  if (res.status === 304) {
    await res.body?.cancel();
    return { kind: 'not-modified' };
  }
  if (!res.ok) {
    await res.body?.cancel();
    return { kind: 'http-error', status: res.status };
  }
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    await res.body?.cancel();
    return { kind: 'too-large', bytes: declared };
  }
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  if (res.body) {
    const reader = res.body.getReader();
    const onAbort = () => void reader.cancel().catch(() => {});
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('feed timed out');
        if (done) break;
        bytes += value.byteLength;
        if (bytes > options.maxBytes) {
          await reader.cancel();
          return { kind: 'too-large', bytes };
        }
        chunks.push(value);
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }
  const body = Buffer.concat(chunks);
  const text = new TextDecoder(charsetOf(res.headers.get('content-type'), body)).decode(body);
  const etag = res.headers.get('etag') ?? undefined;
  const lastModified = res.headers.get('last-modified') ?? undefined;
  return { kind: 'ok', text, bytes, ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
}
