import type { Locale } from '../../locale.js';
import { t } from '../../messages/t.js';
import type { Indicator } from '../catalog.js';
import { stockId } from '../stock-instruments.js';
import type { StockRef } from './stock-directory.js';

/** The name answers use: "삼성전자(005930)"; a code the listing does not hold is named by the code alone. */
export function stockDisplayName(stock: Pick<StockRef, 'code' | 'name'>, locale: Locale): string {
  if (stock.name === stock.code) return t(locale, 'stock.name.unlisted', { code: stock.code });
  return t(locale, 'stock.name.listed', { name: stock.name, code: stock.code });
}

/**
 * A KRX stock as a forecast target, shaped like a catalog indicator so the engine, the narrators and the chart
 * treat it like one: an equity (the forecaster's equities family), in won, daily closes from KIS.
 */
export function stockIndicator(stock: StockRef): Indicator {
  return {
    id: stockId(stock.code),
    nameKo: stockDisplayName(stock, 'ko'),
    nameEn: stockDisplayName({ code: stock.code, name: stock.nameEn ?? stock.name }, 'en'),
    aliases: [],
    unit: 'KRW',
    unitKo: '원',
    frequency: 'D',
    category: 'equity',
    csv: [],
    providers: [{ provider: 'kis', symbol: stock.code }],
    market: 'KRX',
  };
}
