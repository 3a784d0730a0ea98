/**
 * A minimal browser for HTTP-level tests: follows nothing by itself, keeps cookies per name (honouring
 * Max-Age=0 / Expires in the past as deletion), and sends them on every request. Path and SameSite rules are
 * not modelled; the Chromium test covers real cookie handling.
 */
export function createCookieBrowser() {
  const jar = new Map<string, string>();
  function remember(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some(
        (a) => /^\s*max-age=0\s*$/iu.test(a) || (/^\s*expires=/iu.test(a) && Date.parse(a.split('=')[1]!) < Date.now()),
      );
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
  }
  return {
    jar,
    async fetch(url: string, init: RequestInit = {}): Promise<Response> {
      const headers = new Headers(init.headers);
      if (jar.size > 0) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
      const res = await fetch(url, { ...init, headers, redirect: 'manual' });
      remember(res);
      return res;
    },
  };
}
export type CookieBrowser = ReturnType<typeof createCookieBrowser>;
