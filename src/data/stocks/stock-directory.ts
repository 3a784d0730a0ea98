import { STOCK_ALIASES } from '../stock-instruments.js';
import type { KrxMarket, ListedStock } from './listed-stock.js';

export interface StockRef {
  code: string;
  /** The Korean name as listed. */
  name: string;
  /** An English name where one is known (the few aliases); answers in English otherwise use the Korean name. */
  nameEn?: string;
  market?: KrxMarket;
  marketCap: number;
}

export type StockMention =
  | { kind: 'stock'; start: number; end: number; stock: StockRef; by: 'name' | 'code' }
  | { kind: 'ambiguous'; start: number; end: number; said: string; stocks: StockRef[] }
  /** A 6-digit code said in a stock context ("종목 123456") that the listing does not hold: still a stock target. */
  | { kind: 'unlisted-code'; start: number; end: number; code: string };

export interface StockDirectory {
  /** 'listing' when the ETL loaded KRX's names; 'aliases' when only the few built-in names are known (offline). */
  readonly source: 'listing' | 'aliases';
  readonly size: number;
  byCode(code: string): StockRef | undefined;
  /** Stock mentions in a question already normalised (normalizeText): names, codes, and names that fit several. */
  find(text: string): StockMention[];
}

/** Short names users type for big stocks, besides the listed names and STOCK_ALIASES. */
const SLANG: Record<string, string> = {
  삼전: '005930',
  하닉: '000660',
  엘지엔솔: '373220',
  엘지에너지솔루션: '373220',
  삼바: '207940',
  현대자동차: '005380',
  기아차: '000270',
  기아자동차: '000270',
  포스코홀딩스: '005490',
  셀트: '068270',
  에코프로비엠: '247540',
  카뱅: '323410',
  네이버: '035420',
};

/** Listed names that are also everyday words: read as a stock only with a stock word nearby ("대상 주가"). */
const EVERYDAY = new Set([
  '대상',
  '전방',
  '태양',
  '나라',
  '대교',
  '국보',
  '진도',
  '동방',
  '유니온',
  '시공',
  '미래',
  '한국',
  '나이스',
  'nice',
  '오늘',
  '대원',
  '서울',
  '신흥',
  '우리',
  '세방',
  '경방',
  '삼양',
  '동양',
  '대한',
  '미국',
]);

/** Words that make a 6-digit number a stock code and an everyday word a stock name. */
const STOCK_CONTEXT = /종목|주가|주식|코드|시세|상장|(?<![a-z])(?:stock|stocks|shares?|ticker|krx)(?![a-z])/u;

/** What may follow a name inside the same word: particles and the nouns of a stock question ("삼성전자는", "카카오주가"). */
const TAIL =
  /^(?:은|는|이|가|을|를|도|만|의|에|에서|과|와|랑|이랑|하고|으로|로|까지|부터|요|은요|는요|주가|주식|주|전망|시세|가격|예측|어때|어떨까|쪽|관련|종목|'s|s)/u;

/** Prefixes too common to ask back about ("한국 전망" is not a question about 한국전력 or 한국가스공사). */
const NOT_A_PREFIX = new Set([
  ...EVERYDAY,
  '다우',
  '메타',
  '코스피',
  '코스닥',
  '주식',
  '종목',
  '전망',
  '내년',
  '올해',
  '금리',
  '환율',
  '국내',
  '해외',
  '개별',
  '다음',
  '앞으로',
  '지금',
  '이번',
  '최근',
  '요즘',
  '경기',
  '경제',
  '세계',
  '시장',
  '증시',
  '투자',
  '금융',
  '부동산',
  // Industries: "바이오 주식 전망" is about a sector, not about every name that starts with 바이오.
  '바이오',
  '반도체',
  '에너지',
  '은행',
  '보험',
  '증권',
  '건설',
  '화학',
  '자동차',
  '전자',
  '통신',
  '게임',
  '미디어',
  '엔터',
  '제약',
  '철강',
  '조선',
  '항공',
  '해운',
  '식품',
  '유통',
  '소재',
  '로봇',
  '배터리',
  '이차전지',
  '2차전지',
  '방산',
  '원전',
  '수소',
  '태양광',
  '전기차',
]);

const compact = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s'’"]+/gu, '');
const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const MAX_AMBIGUOUS = 8;

function tailOk(rest: string): boolean {
  return rest === '' || !isWordChar(rest[0]) || /^\d/u.test(rest) || TAIL.test(rest);
}

interface NameIndex {
  byCode: Map<string, StockRef>;
  /** Compact name or alias -> stock. */
  names: Map<string, StockRef>;
  longest: number;
  listed: { key: string; ref: StockRef }[];
}

interface Word {
  text: string;
  start: number;
}

/** The longest known name at the start of `s` whose remainder is a particle or nothing. */
function nameAt(index: NameIndex, s: string): { length: number; ref: StockRef } | undefined {
  for (let k = Math.min(s.length, index.longest); k >= 2; k -= 1) {
    const ref = index.names.get(s.slice(0, k));
    if (ref && tailOk(s.slice(k))) return { length: k, ref };
  }
  return undefined;
}

/** The longest name starting at word i, over up to three words joined across plain spaces ("sk 하이닉스"). */
function nameFrom(
  index: NameIndex,
  text: string,
  words: readonly Word[],
  i: number,
): { end: number; ref: StockRef; words: number } | undefined {
  let best: { length: number; end: number; ref: StockRef; words: number } | undefined;
  let joined = '';
  const offsets: number[] = [];
  for (let j = i; j < Math.min(words.length, i + 3); j += 1) {
    if (j > i && !/^\s+$/u.test(text.slice(words[j - 1]!.start + words[j - 1]!.text.length, words[j]!.start))) break;
    offsets.push(joined.length);
    joined += words[j]!.text;
    const hit = nameAt(index, joined);
    if (!hit || (best && hit.length <= best.length)) continue;
    // The word the name ends in, and where in it.
    let k = offsets.length - 1;
    while (k > 0 && offsets[k]! >= hit.length) k -= 1;
    best = { length: hit.length, end: words[i + k]!.start + hit.length - offsets[k]!, ref: hit.ref, words: k + 1 };
  }
  return best;
}

/** A word that only starts names ("삼성", "현대"): one stock when it fits one name closely, else the names to ask about. */
function prefixMention(index: NameIndex, w: Word): StockMention | undefined {
  const base = compact(w.text).replace(/(?:은|는|이|가|을|를|도|의|주가|주식|전망|쪽)$/u, '');
  if (base.length < 2 || NOT_A_PREFIX.has(base) || /^\d/u.test(base)) return undefined;
  const matches = index.listed
    .filter((n) => n.key.startsWith(base) && n.key !== base)
    .map((n) => n.ref)
    .sort((a, b) => b.marketCap - a.marketCap);
  const end = w.start + base.length;
  if (matches.length === 1 && base.length >= 3)
    return { kind: 'stock', start: w.start, end, stock: matches[0]!, by: 'name' };
  if (matches.length >= 2)
    return { kind: 'ambiguous', start: w.start, end, said: base, stocks: matches.slice(0, MAX_AMBIGUOUS) };
  return undefined;
}

function findMentions(index: NameIndex, text: string): StockMention[] {
  const words: Word[] = [...text.matchAll(/[\p{L}\p{N}&-]+/gu)].map((m) => ({ text: m[0], start: m.index }));
  const context = STOCK_CONTEXT.test(text);
  const out: StockMention[] = [];
  for (let i = 0; i < words.length; i += 1) {
    const w = words[i]!;
    const code = /^a?(\d{6})(?!\d)(.*)$/u.exec(w.text);
    if (code && tailOk(code[2]!)) {
      const ref = index.byCode.get(code[1]!);
      const end = w.start + w.text.length - code[2]!.length;
      if (ref) out.push({ kind: 'stock', start: w.start, end, stock: ref, by: 'code' });
      else if (context) out.push({ kind: 'unlisted-code', start: w.start, end, code: code[1]! });
      continue;
    }
    const named = nameFrom(index, text, words, i);
    if (named) {
      const said = compact(text.slice(w.start, named.end));
      if (!EVERYDAY.has(said) || context)
        out.push({ kind: 'stock', start: w.start, end: named.end, stock: named.ref, by: 'name' });
      i += named.words - 1;
      continue;
    }
    const prefix = prefixMention(index, w);
    if (prefix) out.push(prefix);
  }
  return out;
}

/**
 * Stock names and codes for question reading: the KRX listing the ETL loaded (or, offline, the five built-in
 * names), the longest listed name wins ("삼성전자우" over "삼성전자"), particles after a name are allowed, and a
 * word that starts several names ("삼성", "현대") is a question to ask back, largest companies first.
 */
export function createStockDirectory(listing: readonly ListedStock[]): StockDirectory {
  const byCode = new Map<string, StockRef>();
  for (const s of listing) byCode.set(s.code, { code: s.code, name: s.name, market: s.market, marketCap: s.marketCap });
  const fromListing = byCode.size > 0;
  for (const a of STOCK_ALIASES) {
    const known = byCode.get(a.code);
    byCode.set(a.code, { ...(known ?? { code: a.code, name: a.nameKo, marketCap: 0 }), nameEn: a.nameEn });
  }
  const names = new Map<string, StockRef>();
  const add = (name: string, ref: StockRef | undefined) => {
    const key = compact(name);
    if (ref && key.length >= 2 && !names.has(key)) names.set(key, ref);
  };
  // Largest first: where two listed names compact to the same key, the larger company keeps it.
  for (const ref of [...byCode.values()].sort((a, b) => b.marketCap - a.marketCap)) add(ref.name, ref);
  for (const a of STOCK_ALIASES) for (const alias of a.aliases) add(alias, byCode.get(a.code));
  for (const [alias, code] of Object.entries(SLANG)) add(alias, byCode.get(code));
  const index: NameIndex = {
    byCode,
    names,
    longest: Math.max(2, ...[...names.keys()].map((k) => k.length)),
    listed: [...byCode.values()].map((r) => ({ key: compact(r.name), ref: r })),
  };
  return {
    source: fromListing ? 'listing' : 'aliases',
    size: byCode.size,
    byCode: (code) => byCode.get(code),
    find: (text) => findMentions(index, text),
  };
}
