/** Korean and English text of one idea. */
export interface Bilingual {
  ko: string;
  en: string;
}

/**
 * How an indicator is read and what moves it: the narrators (deterministic and LLM) take their units, rounding and
 * scenario drivers from here, so the up case of every indicator names what really pushes it up.
 */
export interface IndicatorEconomics {
  /** Digits after the decimal point of every level of this indicator, wherever it is shown: rounded once, here. */
  decimals: number;
  /**
   * How changes are spoken of. '%p': rates and yields move in percentage points (and basis points), never in
   * percent of themselves. '%': prices and indices move in percent.
   */
  changeUnit: '%' | '%p';
  /** 'yoy': a price index is read as its change over the same month a year earlier (inflation), not as a level. */
  reading: 'level' | 'yoy';
  /** Which way it usually goes in a risk-off shock (a flight to safety); the other way when risk appetite returns. */
  shock: 'up' | 'down';
  /** What typically pushes it up and down: clauses that end in "때" / start with "when". */
  drivers: { up: Bilingual; down: Bilingual };
  /** One sentence on how it behaves in risk-off and risk-on markets. */
  riskOffRiskOn: Bilingual;
}
