import { stockId, takeStock } from '../data/stock-instruments.js';
import { findIndicator } from '../engine/parse-question.js';
import { RiskXpertError } from '../errors.js';
import type { Locale } from '../locale.js';
import { t } from '../messages/t.js';

export interface StatedHolding {
  /** A catalog id (`kospi`) or a stock instrument id (`stock:005930`). */
  id: string;
  /** Share of the portfolio, 0..1. */
  weight: number;
}

const WEIGHT = /([0-9]+(?:\.[0-9]+)?)\s*(?:%|％|퍼센트|프로)/u;

/**
 * "삼성전자 50%, 코스피 30%, 달러 20%" → holdings. Names are read as the question module and the stock list read
 * them, so "달러" is USD/KRW and "삼성전자" is 005930. Weights may add up to less than 100% (the rest is cash).
 */
export function parsePortfolio(text: string, locale: Locale): StatedHolding[] {
  // A weight also ends a holding, so "삼성전자 50% 코스피 30%" (no commas, as chat users type) is two holdings, not one.
  const parts = text
    .split(/[,，、;\n+]|\s(?:and|와|과|및)\s|(?<=%|％|퍼센트|프로)\s+/u)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const holdings = new Map<string, number>();
  for (const part of parts) {
    const m = WEIGHT.exec(part);
    if (!m) throw new RiskXpertError('BAD_REQUEST', t(locale, 'risk.parse.noWeight', { part }));
    const name = part.replace(m[0], ' ').trim();
    const stock = takeStock(name);
    const id = stock.kind === 'stock' ? stockId(stock.code) : findIndicator(name)?.id;
    if (!id) throw new RiskXpertError('UNKNOWN_INDICATOR', t(locale, 'risk.parse.unknown', { name: name || part }));
    holdings.set(id, (holdings.get(id) ?? 0) + Number(m[1]) / 100);
  }
  const total = [...holdings.values()].reduce((a, b) => a + b, 0);
  if (holdings.size === 0) throw new RiskXpertError('BAD_REQUEST', t(locale, 'risk.parse.empty'));
  if (total > 1 + 1e-9)
    throw new RiskXpertError('BAD_REQUEST', t(locale, 'risk.parse.over', { total: Math.round(total * 1000) / 10 }));
  return [...holdings].map(([id, weight]) => ({ id, weight }));
}
