import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createClarifyReplies } from '../../adapters/kakao/clarify-replies.js';
import type { ListedStock } from '../../src/data/stocks/listed-stock.js';
import { createStockDirectory } from '../../src/data/stocks/stock-directory.js';
import { buildClarify } from '../../src/engine/question/build-clarify.js';
import { planAnswer } from '../../src/engine/question/plan-answer.js';

const listing = (
  JSON.parse(readFileSync(new URL('../fixtures/stocks/krx-listing.json', import.meta.url), 'utf8')) as {
    stocks: ListedStock[];
  }
).stocks;
const directory = createStockDirectory(listing);
const today = { year: 2026, month: 12 };

describe('Kakao quick replies for a stock asked back ("삼성 6개월")', () => {
  it('each reply names the stock and its code, and picking one asks about exactly that stock', () => {
    const plan = planAnswer('삼성 6개월', undefined, today, directory);
    expect(plan.kind).toBe('clarify');
    const event = buildClarify({
      understanding: (plan as Extract<typeof plan, { kind: 'clarify' }>).understanding,
      locale: 'ko',
      available: [],
    })!;
    const replies = createClarifyReplies();
    const response = replies.render('kakao:1', '삼성 6개월', event) as unknown as {
      template: { quickReplies: { label: string; messageText: string }[] };
    };
    const first = response.template.quickReplies[0]!;
    expect(first).toMatchObject({ label: '삼성전자', messageText: '삼성전자(005930) 6개월 전망' });
    const sdi = response.template.quickReplies.find((r) => r.label === '삼성SDI')!;
    const picked = replies.take('kakao:1', sdi.messageText)!;
    expect(picked).toMatchObject({ indicatorId: 'stock:006400', horizonMonths: 6 });
    // What the router sends the engine for this pick reads as that stock on its own.
    const again = planAnswer(picked.question, undefined, today, directory);
    expect(again).toMatchObject({ kind: 'answer', indicator: { id: 'stock:006400' } });
  });
});
