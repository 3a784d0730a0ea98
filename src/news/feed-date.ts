/**
 * A feed's date as ISO 8601, or undefined when it cannot be read. RFC 822 (RSS), RFC 3339 (Atom) and the common
 * Korean "2026.12.02 09:30" / "2026-12-02 09:30:00" forms (read as KST when no zone is given). A date more than a
 * day in the future is a feed's mistake, not news from tomorrow: undefined.
 */
export function parseFeedDate(raw: unknown, now: Date): string | undefined {
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const text = String(raw).trim();
  if (text.length === 0 || text.length > 64) return undefined;
  let ms = Number.NaN;
  const korean = /^(\d{4})[.\-/](\d{1,2})[.\-/](\d{1,2})\.?(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/u.exec(text);
  if (korean) {
    const [, y, mo, d, h = '0', mi = '0', s = '0'] = korean;
    ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h) - 9, Number(mi), Number(s));
    const check = new Date(ms + 9 * 3_600_000);
    if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)) return undefined;
  } else if (
    /^\d{4}-\d{2}-\d{2}T/u.test(text) ||
    /^[A-Za-z]{3},? /u.test(text) ||
    /^\d{1,2} [A-Za-z]{3} \d{4}/u.test(text)
  ) {
    ms = Date.parse(text);
  }
  if (!Number.isFinite(ms)) return undefined;
  if (ms > now.getTime() + 86_400_000 || ms < Date.UTC(1990, 0, 1)) return undefined;
  return new Date(ms).toISOString();
}
