import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../../src/data/catalog.js';
import type { ListedStock } from '../../../src/data/stocks/listed-stock.js';
import { createStockDirectory } from '../../../src/data/stocks/stock-directory.js';
import { buildClarify } from '../../../src/engine/question/build-clarify.js';
import { planAnswer } from '../../../src/engine/question/plan-answer.js';
import { resolveHorizon } from '../../../src/engine/question/resolve-horizon.js';

const listing = (
  JSON.parse(readFileSync(new URL('../../fixtures/stocks/krx-listing.json', import.meta.url), 'utf8')) as {
    stocks: ListedStock[];
  }
).stocks;
const directory = createStockDirectory(listing);
const today = { year: 2026, month: 12 };

/** What a question becomes: "stock:005930 6m", "kospi default", or "clarify:<reason> <choices>". */
function read(q: string, stocks = directory): string {
  const plan = planAnswer(q, undefined, today, stocks);
  if (plan.kind === 'answer')
    return `${plan.indicator.id} ${plan.spec ? `${resolveHorizon(plan.spec, '2026-11-30').months}m` : 'default'}`;
  if (plan.kind === 'unknown-id') return 'unknown-id';
  const event = buildClarify({ understanding: plan.understanding, locale: 'ko', available: CATALOG.map((i) => i.id) })!;
  return `clarify:${event.reason} ${event.choices.map((c) => c.indicatorId).join(',')}`;
}

describe('single KRX stocks in questions (listing from the fixture)', () => {
  it.each([
    ['삼성전자 6개월 전망', 'stock:005930 6m'],
    ['005930 3개월', 'stock:005930 3m'],
    ['SK하이닉스 주가 어때', 'stock:000660 default'],
    ['sk 하이닉스 1년 뒤', 'stock:000660 12m'],
    ['카카오 내년 전망', 'stock:035720 12m'],
    ['카카오뱅크는 3개월 뒤 어때?', 'stock:323410 3m'],
    ['삼성전자우 6개월', 'stock:005935 6m'],
    ['삼성전자는 앞으로 반년', 'stock:005930 6m'],
    ['삼전 3개월', 'stock:005930 3m'],
    ['에코프로비엠 전망', 'stock:247540 default'],
    ['NAVER 주가 6개월', 'stock:035420 6m'],
    ['네이버 6개월', 'stock:035420 6m'],
    ['Samsung Electronics stock forecast', 'stock:005930 default'],
    ['A005930 2개월', 'stock:005930 2m'],
    ['종목 123456 3개월 전망', 'stock:123456 3m'],
    ['대상 주가 전망', 'stock:001680 default'],
  ])('%s → %s', (q, expected) => {
    expect(read(q)).toBe(expected);
  });

  it('a word that starts several names is asked back, largest company first, each choice a stock id', () => {
    expect(read('삼성 전망')).toMatch(/^clarify:ambiguous-indicator stock:005930,stock:207940,/u);
    const plan = planAnswer('현대 주가 3개월', undefined, today, directory);
    const event =
      plan.kind === 'clarify'
        ? buildClarify({ understanding: plan.understanding, locale: 'ko', available: [] })!
        : undefined;
    expect(event?.message).toMatch(/^현대로 시작하는 종목이 여럿이에요: 현대차\(005380\), /u);
    expect(event?.choices.every((c) => c.horizonMonths === 3 && c.indicatorId?.startsWith('stock:'))).toBe(true);
  });

  it('unknown names and foreign stocks stay clarifications; everyday words and indicators are not read as stocks', () => {
    expect(read('테슬라 주가 전망')).toMatch(/^clarify:unsupported-subject/u);
    expect(read('개별 종목 전망')).toMatch(/^clarify:unsupported-subject/u);
    expect(read('123456 전망')).toMatch(/^clarify:unsupported-subject/u);
    expect(read('코스피 6개월 전망')).toBe('kospi 6m');
    expect(read('한국 주식 6개월')).toBe('kospi 6m');
    expect(read('금리 인하 대상으로 본 국채 전망')).toMatch(/^clarify:ambiguous-indicator (?!stock)/u);
    expect(read('원달러 환율 3개월')).toBe('usdkrw 3m');
    expect(read('다우 지수 전망')).toMatch(/^clarify:unsupported-subject/u);
    // A sector word is not a stock prefix to ask back about, though listed names start with it.
    expect(read('바이오 주식 전망')).toMatch(/^clarify:ambiguous-indicator kospi,/u);
    expect(read('바이오니아 전망')).toBe('stock:064550 default');
  });

  it('offline (no listing loaded) the five built-in names still resolve; other names say they are not in the listing', () => {
    const builtIn = createStockDirectory([]);
    expect(builtIn.source).toBe('aliases');
    expect(read('삼성전자 6개월 전망', builtIn)).toBe('stock:005930 6m');
    expect(read('하이닉스 3개월', builtIn)).toBe('stock:000660 3m');
    expect(read('셀트리온 전망', builtIn)).toMatch(/^clarify:unsupported-subject/u);
  });

  it('a stock chosen on a button (indicatorId stock:<code>) is answered with its listed name', () => {
    const plan = planAnswer('삼성 전망', 'stock:006400', today, directory);
    expect(plan).toMatchObject({
      kind: 'answer',
      indicator: { id: 'stock:006400', nameKo: '삼성SDI(006400)', category: 'equity', unitKo: '원' },
    });
  });
});
