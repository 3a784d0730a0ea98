import type { Point } from '../data/series.js';
import { isRiskXpertError, RiskXpertError } from '../errors.js';
import type { Locale } from '../locale.js';
import { t } from '../messages/t.js';
import type { Portfolio } from '../sim/paper-trading.js';
import { parsePortfolio, type StatedHolding } from './parse-portfolio.js';
import { analyzeRisk, type RiskAnalysis } from './risk-analysis.js';
import { explainRisk, type RiskExplanation, type RiskRewrite } from './risk-explainer.js';
import { APPETITES, DEFAULT_LIMIT, type Appetite, type RiskProfileStore } from './risk-profile.js';
import type { RiskReportStore } from './risk-report.js';
import { formatPct } from '../narrate/format-number.js';
import { stockName } from '../data/stock-instruments.js';
import { stockPriceMessage } from '../engine/stock-messages.js';
import { planLines } from './risk-text.js';
import { instrumentName } from '../data/stock-instruments.js';
import { accountFingerprint, APPLY_WINDOW_MS, rebalanceOrders, type RiskTrader } from './apply-recommendation.js';
import {
  createMemoryPendingRecommendationStore,
  type PendingRecommendationStore,
} from './pending-recommendation-store.js';

export const RISK_COMMANDS = ['risk', 'plan', 'profile', 'apply'] as const;
export type RiskCommand = (typeof RISK_COMMANDS)[number];

export interface RiskCommandsDeps {
  profiles: RiskProfileStore;
  history(id: string): Promise<readonly Point[]>;
  /** The user's paper account, when paper trading is on. */
  portfolio?(userId: string): Promise<Portfolio>;
  rewrite?: RiskRewrite;
  /** Paper trading orders, for /apply (absent: /apply says paper trading is off). */
  trader?: RiskTrader;
  reports?: RiskReportStore;
  /** The public link of a report (absent: no link in answers). */
  reportUrl?(id: string): string;
  /** Where recommendations wait for /apply (default: this process's memory). */
  pending?: PendingRecommendationStore;
  now?: () => Date;
}

/** A stored recommendation is kept a day, so an /apply after the 10-minute window is told it is stale, not missing. */
const PENDING_KEPT_MS = 24 * 60 * 60_000;

export interface RiskReply {
  text: string;
  analysis?: RiskAnalysis;
  explanation?: RiskExplanation;
  reportId?: string;
}

const APPETITE_WORDS: Record<Appetite, RegExp> = {
  stable: /stable|conservative|안정/iu,
  balanced: /balanced|moderate|균형|중립/iu,
  aggressive: /aggressive|공격/iu,
};

/** Holdings from the paper account's values, as shares of its equity (cash is the rest). */
export function paperHoldings(p: Portfolio): StatedHolding[] {
  const equity = Number(p.valuation.equityWon);
  if (equity <= 0) return [];
  return p.valuation.positions
    .filter((x) => x.valueWon > 0n)
    .map((x) => ({ id: x.symbol, weight: Number(x.valueWon) / equity }));
}

/** What each step needs: the dependencies, the clock and the store of recommendations waiting for /apply. */
interface CommandContext {
  deps: RiskCommandsDeps;
  now: () => Date;
  pending: PendingRecommendationStore;
}

type CommandInput = {
  userId: string;
  locale: Locale;
  command: RiskCommand;
  args: string;
  threatened?: readonly string[];
};

const profileText = (locale: Locale, appetite: Appetite, lossLimit: number): RiskReply => ({
  text: t(locale, 'risk.profile.saved', {
    appetite: t(locale, `risk.appetite.${appetite}`),
    limit: `${Math.round(lossLimit * 1000) / 10}%`,
  }),
});

/** /profile: with an appetite word, saves it (and a limit, or the appetite's default); without, shows the saved one. */
async function profile(ctx: CommandContext, userId: string, args: string, locale: Locale): Promise<RiskReply> {
  const appetite = APPETITES.find((a) => APPETITE_WORDS[a].test(args));
  if (!appetite) {
    const current = await ctx.deps.profiles.get(userId);
    if (!current || args.trim() !== '') return { text: t(locale, 'risk.profile.none') };
    return profileText(locale, current.appetite, current.lossLimit);
  }
  const pct = /([0-9]+(?:\.[0-9]+)?)\s*%?/u.exec(args.replace(APPETITE_WORDS[appetite], ' '));
  const lossLimit = pct ? Number(pct[1]) / 100 : DEFAULT_LIMIT[appetite];
  if (!(lossLimit >= 0.01 && lossLimit <= 0.9)) throw new RiskXpertError('BAD_REQUEST', t(locale, 'risk.profile.none'));
  await ctx.deps.profiles.put({ userId, appetite, lossLimit, updatedAt: ctx.now().toISOString() });
  return profileText(locale, appetite, lossLimit);
}

/** Keeps the recommendation on the paper account for a later /apply. */
async function rememberRecommendation(
  ctx: CommandContext,
  userId: string,
  paper: Portfolio,
  holdings: readonly StatedHolding[],
  analysis: RiskAnalysis,
): Promise<void> {
  const at = ctx.now().getTime();
  await ctx.pending.put(
    userId,
    {
      at,
      fingerprint: accountFingerprint(paper),
      ids: holdings.map((h) => h.id),
      weightsAfter: analysis.recommendation.weightsAfter,
    },
    at + PENDING_KEPT_MS,
  );
}

/** The analysis of stated weights (`args`) or, without any, of the paper account; undefined when nothing is held. */
async function analyze(
  ctx: CommandContext,
  userId: string,
  args: string,
  locale: Locale,
  threatened?: readonly string[],
): Promise<RiskAnalysis | undefined> {
  const { deps } = ctx;
  const paper = args.trim() === '' && deps.portfolio ? await deps.portfolio(userId) : undefined;
  const holdings = args.trim() !== '' ? parsePortfolio(args, locale) : paper ? paperHoldings(paper) : [];
  if (holdings.length === 0) return undefined;
  const limit = (await deps.profiles.get(userId))?.lossLimit ?? DEFAULT_LIMIT.balanced;
  const analysis = await analyzeRisk({ history: deps.history }, holdings, limit, threatened ? { threatened } : {});
  // Only a recommendation on the paper account itself can be applied to it; stated weights describe another portfolio.
  if (paper && !threatened) await rememberRecommendation(ctx, userId, paper, holdings, analysis);
  return analysis;
}

/** /apply: the last recommendation shown, if still fresh and the account is as it was; otherwise the user re-asks. */
async function apply(ctx: CommandContext, userId: string, locale: Locale): Promise<RiskReply> {
  const { deps } = ctx;
  if (!deps.trader || !deps.portfolio) return { text: t(locale, 'risk.apply.noTrader') };
  // Taken (read and removed) at once: whatever happens next, it is never applied twice.
  const last = await ctx.pending.take(userId);
  if (!last) return { text: t(locale, 'risk.apply.none') };
  if (ctx.now().getTime() - last.at > APPLY_WINDOW_MS)
    return { text: t(locale, 'risk.apply.stale', { minutes: APPLY_WINDOW_MS / 60_000 }) };
  const portfolio = await deps.portfolio(userId);
  if (accountFingerprint(portfolio) !== last.fingerprint) return { text: t(locale, 'risk.apply.changed') };
  const orders = rebalanceOrders(portfolio, last);
  if (orders.length === 0) return { text: t(locale, 'risk.apply.nothing') };
  const done: string[] = [];
  for (const o of orders) {
    await (o.side === 'sell'
      ? deps.trader.sell(userId, o.symbol, o.quantity)
      : deps.trader.buy(userId, o.symbol, o.quantity));
    done.push(
      t(locale, `risk.apply.${o.side}`, {
        holding: instrumentName(o.symbol, locale),
        quantity: o.quantity.toLocaleString('en-US'),
      }),
    );
  }
  return { text: t(locale, 'risk.apply.done', { orders: done.join(', ') }) };
}

/** /risk (explained) and /plan (plan lines): the text, the analysis and, with a report store, the report's link. */
async function analysisReply(ctx: CommandContext, input: CommandInput): Promise<RiskReply> {
  const { deps } = ctx;
  const { userId, locale, command } = input;
  const analysis = await analyze(ctx, userId, input.args, locale, input.threatened);
  if (!analysis) return { text: t(locale, 'risk.noHoldings') };
  const explanation =
    command === 'risk' ? await explainRisk(analysis, locale, deps.rewrite ? { rewrite: deps.rewrite } : {}) : undefined;
  const body = explanation?.text ?? [...planLines(analysis, locale), t(locale, 'risk.reco.confirm')].join('\n');
  const reportId = deps.reports ? await deps.reports.write(analysis, body, locale) : undefined;
  const link = reportId && deps.reportUrl ? `\n${t(locale, 'risk.report', { url: deps.reportUrl(reportId) })}` : '';
  return {
    text: `${body}${link}`,
    analysis,
    ...(explanation ? { explanation } : {}),
    ...(reportId ? { reportId } : {}),
  };
}

/** The user's own mistakes (bad input, unknown holding, too little data) become a reply; anything else is thrown. */
function refusalReply(err: unknown, locale: Locale): RiskReply | undefined {
  if (
    !isRiskXpertError(err) ||
    !['BAD_REQUEST', 'UNKNOWN_INDICATOR', 'SERIES_NOT_FOUND', 'SERIES_TOO_SHORT'].includes(err.code)
  )
    return undefined;
  // A stock without prices: say in the asker's language how to get them, as a forecast answer does.
  const code = err.details?.['stockPrice'] === undefined ? undefined : err.details['code'];
  if (typeof code === 'string')
    return {
      text: stockPriceMessage(locale, { nameKo: stockName(code, 'ko'), nameEn: stockName(code, 'en') }, err.details!),
    };
  const sparse = err.details?.['sparse'];
  if (err.code === 'SERIES_TOO_SHORT' && Array.isArray(sparse))
    return {
      text: t(locale, err.details!['unit'] === 'months' ? 'risk.tooShortMonths' : 'risk.tooShort', {
        days: Number(err.details!['have']),
        needed: Number(err.details!['needed']),
        names: sparse.map((id) => instrumentName(String(id), locale)).join(', '),
      }),
    };
  return { text: err.message };
}

async function run(ctx: CommandContext, input: CommandInput): Promise<RiskReply> {
  const { userId, locale, command, args } = input;
  try {
    if (command === 'profile') return await profile(ctx, userId, args, locale);
    if (command === 'apply') return await apply(ctx, userId, locale);
    return await analysisReply(ctx, input);
  } catch (err) {
    const reply = refusalReply(err, locale);
    if (reply) return reply;
    throw err;
  }
}

/**
 * The text a threat-event alert on `holdingId` carries for this user: the portfolio's one-month VaR (impact) and
 * the plan, from the paper account. Undefined when the user does not hold it.
 */
async function threatAlert(
  ctx: CommandContext,
  userId: string,
  locale: Locale,
  holdingId: string,
): Promise<string | undefined> {
  // A cheap look at the account first: a Kakao fan-out asks this for every subscriber, and most do not hold it.
  if (!ctx.deps.portfolio) return undefined;
  if (!paperHoldings(await ctx.deps.portfolio(userId)).some((h) => h.id === holdingId)) return undefined;
  const analysis = await analyze(ctx, userId, '', locale, [holdingId]);
  if (!analysis || !analysis.holdings.some((h) => h.id === holdingId)) return undefined;
  const month = analysis.risk.horizons.find((h) => h.horizon === '1m')!;
  const impact = t(locale, 'risk.threatAlert', {
    holding: instrumentName(holdingId, locale),
    var1m: formatPct(-month.var95 * 100),
  });
  return [impact, ...planLines(analysis, locale)].join('\n');
}

/** /risk, /plan, /profile for every platform: adapters map their wire format onto `run` and send `text`. */
export function createRiskCommands(deps: RiskCommandsDeps) {
  const ctx: CommandContext = {
    deps,
    now: deps.now ?? (() => new Date()),
    // The last recommendation shown per user, in the configured store so /apply works on any replica or after a restart.
    pending: deps.pending ?? createMemoryPendingRecommendationStore(),
  };
  // forget: erasing a user's data drops the recommendation waiting for their /apply, in the shared store.
  return {
    run: (input: CommandInput): Promise<RiskReply> => run(ctx, input),
    threatAlert: (userId: string, locale: Locale, holdingId: string): Promise<string | undefined> =>
      threatAlert(ctx, userId, locale, holdingId),
    forget: async (userId: string): Promise<boolean> => (await ctx.pending.take(userId)) !== undefined,
  };
}
export type RiskCommands = ReturnType<typeof createRiskCommands>;
