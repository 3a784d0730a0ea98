import { CATALOG } from '../data/catalog.js';

/**
 * Words news uses for an indicator beyond the catalog's question aliases (headlines say "원·달러 환율", "금통위").
 * Kept here because they are about headlines, not questions.
 */
const NEWS_ALIASES: Readonly<Record<string, readonly string[]>> = {
  kospi: ['유가증권시장', '코스피200'],
  usdkrw: ['원·달러', '원달러환율', '달러/원', '외환시장', '환율'],
  jpykrw: ['엔·원', '원·엔', '엔저', '엔화 약세', '엔화 강세'],
  kr_base_rate: ['금통위', '금융통화위원회', '한국은행', '한은 총재', 'bank of korea', 'rate decision'],
  kr_treasury_3y: ['국채 금리', '국고채 금리', '채권시장'],
  kr_cpi: ['소비자 물가', '물가 상승률'],
  us10y: ['fomc', '연준', 'federal reserve', 'fed chair', '미 국채'],
  wti: ['opec', '산유국'],
  gold: ['금 시세', '금값'],
};

/** Catalog aliases that are common words in headlines ("won" the verb, "엔" inside other words): never matched. */
const AMBIGUOUS = new Set(['won', '엔', '달러', 's&p', 'crude', 'oil', '금', '한은', 'euro', '원화']);

interface Matcher {
  id: string;
  test(text: string): boolean;
}

const isLatin = (alias: string) => /^[\x20-\x7e]+$/u.test(alias);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&');

function matcherFor(id: string, aliases: readonly string[]): Matcher {
  const usable = [...new Set(aliases.map((a) => a.toLowerCase()))].filter((a) => !AMBIGUOUS.has(a) && a.length >= 2);
  const latin = usable.filter(isLatin);
  const hangul = usable.filter((a) => !isLatin(a));
  // English on word boundaries ("gold" not in "goldman"); Korean as a substring, since particles attach to it.
  const latinRe = latin.length
    ? new RegExp(`(?<![a-z0-9])(?:${latin.map(escape).join('|')})(?![a-z0-9])`, 'u')
    : undefined;
  return { id, test: (text) => hangul.some((a) => text.includes(a)) || (latinRe?.test(text) ?? false) };
}

export interface IndicatorTagger {
  tag(title: string, description: string): string[];
}

/** Tags an item with every catalog indicator its title or description names. */
export function createIndicatorTagger(): IndicatorTagger {
  const matchers = CATALOG.map((i) =>
    matcherFor(i.id, [...i.aliases, i.nameKo, i.nameEn, ...(NEWS_ALIASES[i.id] ?? [])]),
  );
  return {
    tag(title, description) {
      const text = `${title} ${description}`.toLowerCase();
      return matchers.filter((m) => m.test(text)).map((m) => m.id);
    },
  };
}
