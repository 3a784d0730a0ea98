import { createCookieBrowser, type CookieBrowser } from './cookie-browser.js';

/** Kakao Login over plain HTTP (no page): login, callback, then /auth/refresh for an access token. */
export async function loginOverHttp(
  base: string,
  b: CookieBrowser = createCookieBrowser(),
): Promise<{ b: CookieBrowser; accessToken: string }> {
  const start = await b.fetch(`${base}/auth/kakao/login`);
  const kakao = await b.fetch(start.headers.get('location')!);
  const cb = await b.fetch(kakao.headers.get('location')!);
  if (cb.status !== 303) throw new Error(`login failed: callback answered ${cb.status}`);
  const r = await b.fetch(`${base}/auth/refresh`, { method: 'POST', headers: { 'x-riskxpert-web': '1' } });
  return { b, accessToken: ((await r.json()) as { accessToken: string }).accessToken };
}

export interface SseEvent {
  event: string;
  data: unknown;
  at: number;
}

/** Reads a text/event-stream response to its end (or until `until` says stop), keeping comments as event ":". */
export async function readSse(res: Response, until?: (e: SseEvent) => boolean): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return events;
    buf += value;
    let end: number;
    while ((end = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, end);
      buf = buf.slice(end + 2);
      let event = 'message';
      let data = '';
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) event = ':';
        else if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data += line.slice(6);
      }
      const e = { event, data: data ? (JSON.parse(data) as unknown) : null, at: Date.now() };
      events.push(e);
      if (until?.(e)) {
        await reader.cancel();
        return events;
      }
    }
  }
}
