import { instrumentName } from '../data/stock-instruments.js';
import type { Locale } from '../locale.js';
import { t } from '../messages/t.js';
import { extractNumbers } from '../narrate/grounding.js';
import { formatPct } from '../narrate/format-number.js';
import type { RiskAnalysis } from './risk-analysis.js';

/** Losses are shown as negative changes ("−12.0%"), weights and probabilities unsigned; each rounded once, here. */
const loss = (x: number) => formatPct(-x * 100);
const share = (x: number) => formatPct(x * 100, false);

/** The deterministic ko/en explanation: what the LLM rewrites, and what the user gets when it cannot. */
export function riskText(a: RiskAnalysis, locale: Locale): string {
  const h = Object.fromEntries(a.risk.horizons.map((x) => [x.horizon, x]));
  const m = h['1m']!;
  const top = [...m.holdings].sort((x, y) => y.es95 - x.es95)[0]!;
  const driver = a.score.drivers[0]!;
  const driverText = t(locale, `risk.driver.${driver.kind}`, {
    ratio: (Math.round(driver.measure * 10) / 10).toFixed(1),
    holding: driver.holding ? instrumentName(driver.holding, locale) : '-',
    weight: share(driver.measure),
    dd: share(driver.measure),
  });
  const lines = [
    t(locale, 'risk.summary', {
      asOf: a.risk.asOf,
      paths: a.risk.paths.toLocaleString('en-US'),
      var1m: loss(m.var95),
      es1m: loss(m.es95),
    }),
    ...(a.monthlyOnly.length > 0
      ? [t(locale, 'risk.monthly', { names: a.monthlyOnly.map((id) => instrumentName(id, locale)).join(', ') })]
      : []),
    h['1d']
      ? t(locale, 'risk.horizons', {
          var1d: loss(h['1d'].var95),
          var3m: loss(h['3m']!.var95),
          var12m: loss(h['12m']!.var95),
          var99: loss(m.var99),
        })
      : t(locale, 'risk.horizonsMonthly', {
          var3m: loss(h['3m']!.var95),
          var12m: loss(h['12m']!.var95),
          var99: loss(m.var99),
        }),
    t(locale, 'risk.limit', {
      limit: share(a.limit),
      p1m: share(m.pOverLimit ?? 0),
      p12m: share(h['12m']!.pOverLimit ?? 0),
    }),
    t(locale, 'risk.contribution', { holding: instrumentName(top.id, locale), share: loss(top.es95) }),
    ...offsetLine(m.holdings, locale),
    t(locale, 'risk.score', { score: a.score.score, driver: driverText }),
    ...planLines(a, locale),
  ];
  return lines.join('\n');
}

/**
 * Holdings whose contribution lowers the one-month ES (a hedge, such as the dollar beside KOSPI): without this line
 * the top contributor's share, larger than the ES itself, reads as an arithmetic slip.
 */
function offsetLine(holdings: RiskAnalysis['risk']['horizons'][number]['holdings'], locale: Locale): string[] {
  // Below half of 0.1%p the contribution would print as "+0.0%".
  const offsets = holdings.filter((x) => x.es95 <= -0.0005).sort((x, y) => x.es95 - y.es95);
  if (offsets.length === 0) return [];
  const names = offsets
    .map((x) => t(locale, 'risk.offsetItem', { holding: instrumentName(x.id, locale), share: loss(x.es95) }))
    .join(', ');
  return [t(locale, 'risk.offsets', { names })];
}

export function planLines(a: RiskAnalysis, locale: Locale): string[] {
  const steps = a.plan.hold
    ? [t(locale, 'risk.plan.hold')]
    : a.plan.steps.map((s) =>
        t(locale, 'risk.plan.reduce', {
          holding: instrumentName(s.holding, locale),
          from: share(s.fromWeight),
          to: share(s.toWeight),
          before: loss(s.var95Before),
          after: loss(s.var95After),
        }),
      );
  const r = a.recommendation;
  const weights = a.holdings.map((x, i) => `${instrumentName(x.id, locale)} ${share(r.weightsAfter[i]!)}`).join(', ');
  return [...steps, t(locale, 'risk.reco', { weights, before: loss(r.before.var95), after: loss(r.after.var95) })];
}

/**
 * Every number an explanation of this analysis may contain: those in the deterministic texts (both languages,
 * as rounded there) plus the raw percentages, so an LLM that rounds differently by 0.1 still passes.
 */
export function allowedRiskNumbers(a: RiskAnalysis): number[] {
  const raw = [
    ...a.risk.horizons.flatMap((h) => [
      h.var95,
      h.es95,
      h.var99,
      h.es99,
      h.pOverLimit ?? 0,
      ...h.holdings.flatMap((x) => [x.weight, x.es95, x.var95]),
    ]),
    ...a.plan.steps.flatMap((s) => [s.fromWeight, s.toWeight, s.var95Before, s.var95After]),
    a.recommendation.before.var95,
    a.recommendation.after.var95,
    ...a.recommendation.weightsAfter,
    a.limit,
  ].map((x) => x * 100);
  return [
    ...raw,
    a.score.score,
    ...a.score.drivers.map((d) => d.points),
    ...extractNumbers(`${riskText(a, 'ko')}\n${riskText(a, 'en')}`),
    1,
    3,
    12,
    95,
    99,
    100,
  ];
}

/** Numbers in `text` that the analysis does not contain (sign ignored; within 0.051 or 1%), as grounding.ts does. */
export function ungroundedRiskNumbers(text: string, a: RiskAnalysis): number[] {
  const allowed = allowedRiskNumbers(a).map(Math.abs);
  return extractNumbers(text).filter((raw) => {
    const n = Math.abs(raw);
    if (Number.isInteger(n) && n <= 10) return false;
    return !allowed.some((x) => Math.abs(n - x) <= Math.max(0.01 * x, 0.051));
  });
}
