import { formatQuietHours, parseQuietHours } from '../alerts/quiet-hours.js';
import { getIndicator, indicatorName } from '../data/catalog.js';
import { stockCodeOf, stockId, stockName, takeStock } from '../data/stock-instruments.js';
import { parseQuestion } from '../engine/parse-question.js';
import { isRiskXpertError } from '../errors.js';
import type { Locale } from '../locale.js';
import { t } from '../messages/t.js';
import type {
  AlertPlatform,
  QuietHours,
  Subscription,
  SubscriptionRule,
  SubscriptionStore,
} from '../store/subscription-store.js';
import { PRICE_SCALE } from './paper-account.js';
import type { PaperTrading, Portfolio } from './paper-trading.js';
import { stockCsvFile, type StockPriceProblem } from '../data/stock-prices.js';

export const BOT_COMMANDS = [
  'buy',
  'sell',
  'portfolio',
  'reset',
  'subscribe',
  'unsubscribe',
  'subscriptions',
  'quiet',
] as const;
export type BotCommand = (typeof BOT_COMMANDS)[number];

export interface BotCommandInput {
  platform: AlertPlatform;
  /** Platform-prefixed user id. */
  userId: string;
  /** Where alerts go: the chat id (Telegram), the user id (Discord DM), the botUserKey (Kakao). */
  target: string;
  locale: Locale;
  command: BotCommand;
  /** The rest of the command line, e.g. "코스피 3" or "kospi drawdown 10". */
  args: string;
}

/** What every platform renders its own way: text, an optional chart, optional buttons (label + command line). */
export interface BotReply {
  text: string;
  png?: Uint8Array;
  buttons?: { label: string; command: string }[];
}

const won = (n: bigint | number, locale: Locale) => t(locale, 'sim.won', { amount: BigInt(n).toLocaleString('en-US') });
const signedWon = (n: bigint, locale: Locale) => `${n > 0n ? '+' : n < 0n ? '−' : ''}${won(n < 0n ? -n : n, locale)}`;
const price = (units: bigint) => {
  const whole = units / PRICE_SCALE;
  const frac = (units % PRICE_SCALE).toString().padStart(4, '0').replace(/0+$/u, '');
  return `${whole.toLocaleString('en-US')}${frac ? `.${frac}` : ''}`;
};

/** Finds the indicator named in the text (an id or any alias, longest first) and returns the text without it. */
function takeIndicator(args: string): { indicatorId?: string; rest: string } {
  const lower = args.toLowerCase();
  const byId = lower
    .trim()
    .split(/\s+/u)
    .map((w) => getIndicator(w))
    .find((i) => i !== undefined);
  if (byId) return { indicatorId: byId.id, rest: lower.replace(byId.id, ' ') };
  const indicator = parseQuestion(args).indicator;
  if (!indicator) return { rest: lower };
  const alias = [...indicator.aliases].sort((x, y) => y.length - x.length).find((al) => lower.includes(al));
  return { indicatorId: indicator.id, rest: alias ? lower.replace(alias, ' ') : lower };
}

const QUANTITY = /(?:^|\s)(\d{1,12})(?:주|개|units?)?(?:\s|$)/u;

/**
 * "코스피 3", "kospi 3", "3 kospi", "삼성전자 10", "005930 10", "stock:005930 10": the instrument (a catalog
 * indicator or `stock:<code>`) and a whole quantity. A bare 6-digit number is a stock code only when no indicator
 * is named, so "kospi 100000" stays a quantity.
 */
export function parseOrder(args: string): { instrumentId?: string; quantity?: bigint; invalid?: string } {
  const stock = takeStock(args);
  if (stock.kind === 'invalid') return { invalid: stock.token };
  const quantityIn = (rest: string) => {
    const qty = QUANTITY.exec(rest);
    return qty ? { quantity: BigInt(qty[1]!) } : {};
  };
  if (stock.kind === 'stock' && stock.by !== 'code')
    return { instrumentId: stockId(stock.code), ...quantityIn(stock.rest) };
  const { indicatorId, rest } = takeIndicator(args);
  if (indicatorId) return { instrumentId: indicatorId, ...quantityIn(rest) };
  if (stock.kind === 'stock') return { instrumentId: stockId(stock.code), ...quantityIn(stock.rest) };
  return quantityIn(rest);
}

/** An indicator's or a stock's name as users see it. */
function instrumentName(id: string, locale: Locale): string {
  const code = stockCodeOf(id);
  if (code) return stockName(code, locale);
  const i = getIndicator(id);
  return i ? indicatorName(i, locale) : id;
}

const RULE_WORDS: [RegExp, SubscriptionRule['kind']][] = [
  [/drawdown|낙폭|고점/iu, 'drawdown'],
  [/move|급변|급등|급락|변동률/iu, 'move'],
  [/vol|변동성/iu, 'volatility-spike'],
  [/band|하단|예측/iu, 'forecast-lower-band'],
  [/stop|손절/iu, 'stop-loss'],
  [/take|익절/iu, 'take-profit'],
  [/news|뉴스/iu, 'news'],
];

/** "kospi drawdown 10", "코스피 급변 5 월", "usdkrw band 1300"; the rule defaults to a 10% drawdown. */
export function parseRule(args: string): { indicatorId?: string; rule?: SubscriptionRule; problem?: string } {
  const { indicatorId, rest } = takeIndicator(args);
  const kind = RULE_WORDS.find(([re]) => re.test(rest))?.[1] ?? 'drawdown';
  const num = /(-?\d+(?:\.\d+)?)/u.exec(rest);
  const n = num ? Number(num[1]) : undefined;
  const base = indicatorId ? { indicatorId } : {};
  switch (kind) {
    case 'drawdown':
      return { ...base, rule: { kind, lookbackDays: 90, thresholdPct: Math.abs(n ?? 10) } };
    case 'move':
      return {
        ...base,
        rule: { kind, period: /month|월간|한\s?달|월/iu.test(rest) ? 'month' : 'day', thresholdPct: Math.abs(n ?? 5) },
      };
    case 'volatility-spike':
      return { ...base, rule: { kind, windowDays: 20, historyDays: 250, zScore: Math.abs(n ?? 2) } };
    case 'forecast-lower-band':
      return n === undefined ? { ...base, problem: 'threshold' } : { ...base, rule: { kind, threshold: n } };
    case 'stop-loss':
      return { ...base, rule: { kind, thresholdPct: Math.abs(n ?? 10) } };
    case 'take-profit':
      return { ...base, rule: { kind, thresholdPct: Math.abs(n ?? 20) } };
    case 'news':
      return { ...base, rule: { kind } };
  }
}

export function describeRule(rule: SubscriptionRule, locale: Locale): string {
  switch (rule.kind) {
    case 'drawdown':
      return t(locale, 'sim.rule.drawdown', { days: rule.lookbackDays, pct: rule.thresholdPct });
    case 'move':
      return t(locale, rule.period === 'day' ? 'sim.rule.move.day' : 'sim.rule.move.month', { pct: rule.thresholdPct });
    case 'volatility-spike':
      return t(locale, 'sim.rule.volatilitySpike', { z: rule.zScore });
    case 'forecast-lower-band':
      return t(locale, 'sim.rule.forecastLowerBand', { threshold: rule.threshold });
    case 'stop-loss':
      return t(locale, 'sim.rule.stopLoss', { pct: rule.thresholdPct });
    case 'take-profit':
      return t(locale, 'sim.rule.takeProfit', { pct: rule.thresholdPct });
    case 'news':
      return t(locale, 'sim.rule.news');
  }
}

function portfolioText(p: Portfolio, locale: Locale): string {
  const v = p.valuation;
  const name = (id: string) => instrumentName(id, locale);
  const lines = [
    t(locale, 'sim.portfolio.head', { equity: won(v.equityWon, locale) }),
    t(locale, 'sim.portfolio.cash', {
      cash: won(v.cashWon, locale),
      realized: signedWon(v.realizedWon, locale),
      unrealized: signedWon(v.unrealizedWon, locale),
    }),
  ];
  for (const pos of v.positions) {
    lines.push(
      t(locale, 'sim.portfolio.position', {
        name: name(pos.symbol),
        quantity: String(pos.quantity),
        average: price(pos.averagePrice),
        value: won(pos.valueWon, locale),
        unrealized: signedWon(pos.unrealizedWon, locale),
        asOf: p.asOf[pos.symbol] ?? '',
      }),
    );
  }
  if (v.positions.length === 0) lines.push(t(locale, 'sim.portfolio.empty'));
  lines.push(t(locale, 'sim.portfolio.disclaimer'));
  return lines.join('\n');
}

/** Why a stock order found no price, in the user's language. */
function stockPriceText(reason: StockPriceProblem, code: string, english: string, locale: Locale): string {
  // The English text is the error's own message (it names the cause exactly); Korean has one sentence per cause.
  if (locale !== 'ko') return `${reason === 'loading' ? '⏳' : '⚠️'} ${english}`;
  const params = { name: stockName(code, locale), code, file: stockCsvFile(code) };
  return t(locale, `sim.stock.${reason}`, params);
}

/**
 * Paper trading and alert subscriptions as commands, the same on every platform: each adapter maps its wire
 * (a Telegram command, a Discord slash command, a Kakao utterance) onto `run` and renders the reply.
 */
export function createBotCommands(deps: {
  trading: PaperTrading;
  subscriptions: SubscriptionStore;
  defaultQuietHours?: QuietHours;
  /** Renders the account-value chart; without it the portfolio is text only. */
  renderEquityChart?: (curve: { date: string; value: number }[], locale: Locale) => Promise<Uint8Array>;
}) {
  async function list(userId: string): Promise<Subscription[]> {
    return deps.subscriptions.listByUser(userId);
  }

  async function run(input: BotCommandInput): Promise<BotReply> {
    const { locale, userId } = input;
    switch (input.command) {
      case 'buy':
      case 'sell': {
        const o = parseOrder(input.args);
        if (o.invalid) {
          return { text: t(locale, 'sim.order.invalidCode', { code: JSON.stringify(o.invalid) }) };
        }
        if (!o.instrumentId || !o.quantity) {
          return { text: t(locale, 'sim.order.usage', { command: input.command }) };
        }
        const r =
          input.command === 'buy'
            ? await deps.trading.buy(userId, o.instrumentId, o.quantity)
            : await deps.trading.sell(userId, o.instrumentId, o.quantity);
        const n = instrumentName(o.instrumentId, locale);
        const verb = t(locale, input.command === 'buy' ? 'sim.order.bought' : 'sim.order.sold');
        const realized =
          r.trade.realizedWon !== undefined
            ? t(locale, 'sim.order.realized', { realized: signedWon(r.trade.realizedWon, locale) })
            : '';
        return {
          text: t(locale, 'sim.order.filled', {
            name: n,
            quantity: String(r.trade.quantity),
            verb,
            price: price(r.trade.price),
            date: r.priceDate,
            fee: won(r.trade.feeWon, locale),
            realized,
            cash: won(r.account.cashWon, locale),
          }),
          buttons: [{ label: t(locale, 'sim.button.portfolio'), command: 'portfolio' }],
        };
      }
      case 'portfolio': {
        const p = await deps.trading.portfolio(userId);
        const png =
          deps.renderEquityChart && p.equityCurve.length > 0
            ? await deps.renderEquityChart(p.equityCurve, locale).catch(() => undefined)
            : undefined;
        return { text: portfolioText(p, locale), ...(png ? { png } : {}) };
      }
      case 'reset': {
        const a = await deps.trading.reset(userId);
        return { text: t(locale, 'sim.reset', { cash: won(a.cashWon, locale) }) };
      }
      case 'subscribe': {
        const r = parseRule(input.args);
        if (!r.indicatorId) return { text: t(locale, 'sim.subscribe.usage') };
        if (!r.rule) return { text: t(locale, 'sim.subscribe.needsThreshold') };
        const sub = await deps.subscriptions.add({
          userId,
          platform: input.platform,
          target: input.target,
          locale,
          indicatorId: r.indicatorId,
          rule: r.rule,
          // Asking for an alert is the opt-in Discord and Kakao pushes need.
          optIn: true,
          ...(deps.defaultQuietHours ? { quietHours: deps.defaultQuietHours } : {}),
        });
        const i = getIndicator(sub.indicatorId);
        return {
          text: t(locale, 'sim.subscribe.done', {
            name: i ? indicatorName(i, locale) : sub.indicatorId,
            rule: describeRule(sub.rule, locale),
            quiet: sub.quietHours ? t(locale, 'sim.subscribe.quiet', { hours: formatQuietHours(sub.quietHours) }) : '',
          }),
          buttons: [{ label: t(locale, 'sim.button.myAlerts'), command: 'subscriptions' }],
        };
      }
      case 'subscriptions': {
        const subs = (await list(userId)).filter((s) => s.platform === input.platform);
        if (subs.length === 0) return { text: t(locale, 'sim.subscriptions.empty') };
        const lines = subs.map((s, n) => {
          const i = getIndicator(s.indicatorId);
          const state = s.active ? '' : t(locale, 'sim.subscriptions.stopped');
          return `${n + 1}. ${i ? indicatorName(i, locale) : s.indicatorId} — ${describeRule(s.rule, locale)}${s.quietHours ? ` · ${formatQuietHours(s.quietHours)}` : ''}${state}`;
        });
        return {
          text: lines.join('\n'),
          buttons: subs
            .slice(0, 5)
            .map((_, n) => ({ label: t(locale, 'sim.button.remove', { n: n + 1 }), command: `unsubscribe ${n + 1}` })),
        };
      }
      case 'unsubscribe': {
        const subs = (await list(userId)).filter((s) => s.platform === input.platform);
        const arg = input.args.trim();
        const chosen = /^(all|전체|모두)$/iu.test(arg)
          ? subs
          : /^\d{1,3}$/u.test(arg)
            ? [subs[Number(arg) - 1]].filter((s): s is Subscription => s !== undefined)
            : [];
        if (chosen.length === 0) return { text: t(locale, 'sim.unsubscribe.which') };
        for (const s of chosen) await deps.subscriptions.remove(userId, s.id);
        return { text: t(locale, 'sim.unsubscribe.done', { n: chosen.length }) };
      }
      case 'quiet': {
        const arg = input.args.trim();
        if (/^(off|끄기|해제|없음)$/iu.test(arg)) {
          await deps.subscriptions.setQuietHours(userId, undefined);
          return { text: t(locale, 'sim.quiet.off') };
        }
        const q = parseQuietHours(arg);
        if (!q) return { text: t(locale, 'sim.quiet.usage') };
        const n = await deps.subscriptions.setQuietHours(userId, q);
        return { text: t(locale, 'sim.quiet.on', { hours: formatQuietHours(q), n }) };
      }
    }
  }

  return {
    /** Runs one command; a refusal (bad input, not enough cash, no price) becomes a reply, never an exception. */
    async run(input: BotCommandInput): Promise<BotReply> {
      try {
        return await run(input);
      } catch (err) {
        if (isRiskXpertError(err) && typeof err.details?.['stockPrice'] === 'string')
          return {
            text: stockPriceText(
              err.details['stockPrice'] as StockPriceProblem,
              String(err.details['code']),
              err.message,
              input.locale,
            ),
          };
        if (
          isRiskXpertError(err) &&
          (err.code === 'BAD_REQUEST' || err.code === 'SERIES_NOT_FOUND' || err.code === 'UNKNOWN_INDICATOR')
        ) {
          return { text: `⚠️ ${err.message}` };
        }
        throw err;
      }
    },
  };
}

export type BotCommands = ReturnType<typeof createBotCommands>;
