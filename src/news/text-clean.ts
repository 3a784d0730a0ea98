/**
 * Feed text to plain text. Entities are decoded here, once, by a fixed table (the XML parser's own entity expansion
 * is off): no entity can expand into another, so no input grows.
 */
const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  middot: '·',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  ndash: '–',
  mdash: '—',
  bull: '•',
  copy: '©',
  reg: '®',
  trade: '™',
  times: '×',
  laquo: '«',
  raquo: '»',
  prime: '′',
  deg: '°',
  plusmn: '±',
  euro: '€',
  yen: '¥',
  pound: '£',
  cent: '¢',
  rarr: '→',
  larr: '←',
  uarr: '↑',
  darr: '↓',
  sdot: '⋅',
  thinsp: ' ',
  ensp: ' ',
  emsp: ' ',
  zwj: '',
  zwnj: '',
};

function fromCodePoint(n: number): string {
  // Control characters, surrogates and out-of-range code points become nothing rather than an invalid string.
  if (!Number.isFinite(n) || n < 0x20 || (n >= 0x7f && n < 0xa0) || (n >= 0xd800 && n <= 0xdfff) || n > 0x10ffff)
    return n === 9 || n === 10 || n === 13 ? ' ' : '';
  return String.fromCodePoint(n);
}

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,10});/giu, (whole, body: string) => {
    if (body[0] === '#')
      return fromCodePoint(
        body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10),
      );
    return NAMED[body] ?? NAMED[body.toLowerCase()] ?? whole;
  });
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed from feed text
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/gu;
const TAG = /<\/?[a-z!][^<>]*>/giu;
// Inline tags sit inside words (Naver wraps the query in <b>): removed without a space. Block tags become one.
const INLINE = /^<\/?(b|i|em|strong|span|a|u|font|mark|sup|sub|small|abbr)\b/iu;
const dropTag = (tag: string) => (INLINE.test(tag) ? '' : ' ');

/** Tags removed (script and style with their content), entities decoded, whitespace collapsed, cut at `max` characters. */
export function plainText(raw: unknown, max: number): string {
  if (typeof raw !== 'string' && typeof raw !== 'number') return '';
  let s = String(raw)
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/giu, ' ')
    .replace(TAG, dropTag);
  // Escaped HTML (a description with "&lt;p&gt;") is common in RSS: decoded once, its tags go too.
  s = decodeEntities(s)
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/giu, ' ')
    .replace(TAG, dropTag);
  // RSS text is HTML inside XML: what the first pass left ("&amp;" for "&") is HTML's own escaping. Two passes at
  // most, each by the fixed table, so nothing grows.
  s = decodeEntities(s).replace(TAG, dropTag);
  s = s.replace(CONTROL, '').replace(/\s+/gu, ' ').trim();
  return s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s;
}
