import { InlineKeyboard } from 'grammy';
import { CATALOG, indicatorName } from '../../src/data/catalog.js';
import type { Locale } from '../../src/locale.js';
import { t } from '../../src/messages/t.js';

/** Under a forecast: the other horizons and the alert button. */
export function keyboardFor(indicatorId: string, horizon: number, locale: Locale): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const h of [3, 6, 12].filter((m) => m !== horizon))
    kb.text(t(locale, 'telegram.months', { n: h }), `f:${indicatorId}:${h}`);
  return kb.row().text(t(locale, 'telegram.subscribe'), `sub:${indicatorId}`);
}

/** Every catalog indicator, three a row (the `i:` callbacks). */
export function indicatorKeyboard(locale: Locale): InlineKeyboard {
  const kb = new InlineKeyboard();
  CATALOG.forEach((i, n) => {
    kb.text(indicatorName(i, locale), `i:${i.id}`);
    if (n % 3 === 2) kb.row();
  });
  return kb;
}

/** The horizons one indicator can be asked for (the `f:` callbacks). */
export function horizonKeyboard(indicatorId: string, locale: Locale): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const h of [1, 3, 6, 12, 24]) kb.text(t(locale, 'telegram.monthsShort', { n: h }), `f:${indicatorId}:${h}`);
  return kb;
}
