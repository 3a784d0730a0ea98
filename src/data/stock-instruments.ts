import { z } from 'zod';
import type { Locale } from '../locale.js';
import { getIndicator, indicatorName } from './catalog.js';

/**
 * KRX stocks as paper-trading instruments: a 6-digit KRX code (005930) is the instrument `stock:005930`. The id
 * becomes a series-store key and a BullMQ job id, so only ids this module builds from a validated code are used.
 */
export const STOCK_ID_PREFIX = 'stock:';

export const stockCodeSchema = z.string().regex(/^\d{6}$/u, 'a KRX stock code is 6 digits, e.g. 005930');
const STOCK_ID = /^stock:\d{6}$/u;
export const stockIdSchema = z.string().regex(STOCK_ID);

/**
 * A few large names users type instead of codes. Deliberately small: anything else is traded by its code.
 * Aliases are matched case-insensitively and without spaces.
 */
export const STOCK_ALIASES: readonly { code: string; nameKo: string; nameEn: string; aliases: string[] }[] = [
  {
    code: '005930',
    nameKo: '삼성전자',
    nameEn: 'Samsung Electronics',
    aliases: ['삼성전자', 'samsung', 'samsungelectronics'],
  },
  { code: '000660', nameKo: 'SK하이닉스', nameEn: 'SK hynix', aliases: ['sk하이닉스', '하이닉스', 'skhynix', 'hynix'] },
  { code: '035420', nameKo: 'NAVER', nameEn: 'NAVER', aliases: ['naver', '네이버'] },
  { code: '035720', nameKo: '카카오', nameEn: 'Kakao', aliases: ['카카오', 'kakao'] },
  {
    code: '005380',
    nameKo: '현대차',
    nameEn: 'Hyundai Motor',
    aliases: ['현대차', '현대자동차', 'hyundai', 'hyundaimotor'],
  },
];

export const stockId = (code: string): string => `${STOCK_ID_PREFIX}${stockCodeSchema.parse(code)}`;

/** The code of a valid `stock:XXXXXX` id, else undefined. */
export function stockCodeOf(id: string): string | undefined {
  // The schema's own pattern, without zod: every series lookup asks, and a failed safeParse builds an error.
  return STOCK_ID.test(id) ? id.slice(STOCK_ID_PREFIX.length) : undefined;
}

/** The name of an indicator or a stock id as users of `locale` read it ("삼성전자 (005930)"); an unknown id as is. */
export function instrumentName(id: string, locale: Locale): string {
  const code = stockCodeOf(id);
  if (code) return stockName(code, locale);
  const indicator = getIndicator(id);
  return indicator ? indicatorName(indicator, locale) : id;
}

export function stockName(code: string, locale: Locale): string {
  const known = STOCK_ALIASES.find((s) => s.code === code);
  if (!known) return code;
  return `${indicatorName(known, locale)} (${code})`;
}

export type StockMatch =
  /** `by: 'code'` is a bare 6-digit number, which an indicator order's quantity could also be (see bot-commands). */
  | { kind: 'stock'; code: string; rest: string; by: 'prefix' | 'code' | 'alias' }
  | { kind: 'invalid'; token: string }
  | { kind: 'none' };

/**
 * Finds a stock in an order line: a known name, a bare 6-digit code, or `stock:<code>`. A token that looks like a
 * stock reference but is not one (`stock:12ab`, `A005930x`) is reported as invalid rather than guessed at.
 */
export function takeStock(args: string): StockMatch {
  const words = args
    .trim()
    .split(/\s+/u)
    .filter((w) => w !== '');
  for (const [i, w] of words.entries()) {
    const lower = w.toLowerCase();
    const rest = () => words.filter((_, j) => j !== i).join(' ');
    if (lower.startsWith(STOCK_ID_PREFIX)) {
      const code = lower.slice(STOCK_ID_PREFIX.length);
      return stockCodeSchema.safeParse(code).success
        ? { kind: 'stock', code, rest: rest(), by: 'prefix' }
        : { kind: 'invalid', token: w };
    }
    if (stockCodeSchema.safeParse(w).success) return { kind: 'stock', code: w, rest: rest(), by: 'code' };
  }
  const compact = args.toLowerCase().replace(/\s+/gu, '');
  for (const s of STOCK_ALIASES) {
    const alias = [...s.aliases].sort((a, b) => b.length - a.length).find((a) => compact.includes(a));
    if (!alias) continue;
    // Remove the alias as typed (it may have had a space, "SK 하이닉스"): drop words until the alias is gone.
    const kept = words.filter((w) => !alias.includes(w.toLowerCase()));
    return { kind: 'stock', code: s.code, rest: kept.join(' '), by: 'alias' };
  }
  return { kind: 'none' };
}
