/** Query parameters that only say where a click came from: two links that differ only by these are one story. */
const TRACKING = /^(utm_[a-z0-9_]*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|yclid|_ga|ref_src|cmpid|ocid)$/iu;

/**
 * A link as stored and compared: http(s) only (javascript:, data:, file: and the rest are dropped), no credentials,
 * no fragment, tracking parameters removed, host lower-case, default port dropped, remaining parameters sorted.
 * Undefined for anything that is not such a link.
 */
export function normaliseUrl(raw: unknown, base?: string): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  if (text.length === 0 || text.length > 2_048) return undefined;
  let url: URL;
  try {
    url = base ? new URL(text, base) : new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password) return undefined;
  url.hash = '';
  const kept = [...url.searchParams.entries()]
    .filter(([k]) => !TRACKING.test(k))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = '';
  for (const [k, v] of kept) url.searchParams.append(k, v);
  return url.toString();
}

/** The key two copies of one link share: scheme, "www." and a trailing slash do not make a different story. */
export function canonicalKey(normalised: string): string {
  const url = new URL(normalised);
  const host = url.hostname.replace(/^(www|m|mobile)\./u, '');
  return `${host}${url.pathname.replace(/\/+$/u, '')}${url.search}`;
}
