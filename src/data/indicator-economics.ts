import { INDICATOR_ECONOMICS } from './economics-table.js';
import type { IndicatorEconomics } from './economics-types.js';

export type { Bilingual, IndicatorEconomics } from './economics-types.js';
export { INDICATOR_ECONOMICS };

/** Any single KRX stock (`stock:<code>`): prices in whole won, moves in percent. */
const STOCK: IndicatorEconomics = {
  decimals: 0,
  changeUnit: '%',
  reading: 'level',
  shock: 'down',
  drivers: {
    up: {
      ko: '실적이 기대보다 좋거나 업황이 살아나고, 시장 전체에 위험선호가 돌아올 때',
      en: 'when earnings beat expectations, its industry picks up, or risk appetite returns to the whole market',
    },
    down: {
      ko: '실적이 기대에 못 미치거나 업황이 꺾이고, 시장 전체가 위험회피로 돌아설 때',
      en: 'when earnings disappoint, its industry turns down, or the whole market turns risk-off',
    },
  },
  riskOffRiskOn: {
    ko: '개별 종목은 시장 지수보다 크게 움직이고 회사 고유의 소식에도 흔들리므로, 한 종목에 몰아 투자하면 위험이 커집니다.',
    en: 'A single stock moves more than the market index and also on news about the company itself, so concentrating in one stock adds risk.',
  },
};

/** The economics of an indicator; a plain price with one decimal for an id the table does not know. */
export function economicsOf(indicatorId: string): IndicatorEconomics {
  if (indicatorId.startsWith('stock:')) return STOCK;
  return (
    INDICATOR_ECONOMICS[indicatorId] ?? {
      decimals: 1,
      changeUnit: '%',
      reading: 'level',
      shock: 'down',
      drivers: {
        up: { ko: '수요가 늘거나 시장 심리가 좋아질 때', en: 'when demand grows or sentiment improves' },
        down: { ko: '수요가 줄거나 시장 심리가 나빠질 때', en: 'when demand shrinks or sentiment sours' },
      },
      riskOffRiskOn: { ko: '', en: '' },
    }
  );
}
