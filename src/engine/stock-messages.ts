import { indicatorName, type Indicator } from '../data/catalog.js';
import type { StockPriceProblem } from '../data/stock-prices.js';
import { stockCsvFile } from '../data/stock-prices.js';
import type { Locale } from '../locale.js';
import { t } from '../messages/t.js';

const PROBLEMS: readonly StockPriceProblem[] = ['loading', 'load-failed', 'needs-kis', 'needs-queue'];

/** Why a stock has no prices to forecast from, and how to get them, in the asker's language. */
export function stockPriceMessage(
  locale: Locale,
  stock: Pick<Indicator, 'nameKo' | 'nameEn'>,
  details: Record<string, unknown>,
): string {
  const reason = PROBLEMS.find((p) => p === details['stockPrice']) ?? 'needs-kis';
  const code = typeof details['code'] === 'string' ? details['code'] : '';
  return t(locale, `stock.price.${reason}`, {
    name: indicatorName(stock, locale),
    file: stockCsvFile(code),
  });
}
