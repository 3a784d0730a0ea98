import { formatQuietHours, parseQuietHours } from '../alerts/quiet-hours.js';
import { getIndicator, indicatorName } from '../data/catalog.js';
import type { StockPriceProblem } from '../data/stock-prices.js';
import { isRiskXpertError } from '../errors.js';
import type { Locale } from '../locale.js';
import { t } from '../messages/t.js';
import type { AlertPlatform, QuietHours, Subscription, SubscriptionStore } from '../store/subscription-store.js';
import { parseOrder, parseRule } from './command-parsing.js';
import { describeRule, instrumentName, portfolioText, price, signedWon, stockPriceText, won } from './command-text.js';
import type { PaperTrading } from './paper-trading.js';

export { parseOrder, parseRule } from './command-parsing.js';
export { describeRule } from './command-text.js';

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

interface BotCommandsDeps {
  trading: PaperTrading;
  subscriptions: SubscriptionStore;
  defaultQuietHours?: QuietHours;
  /** Renders the account-value chart; without it the portfolio is text only. */
  renderEquityChart?: (curve: { date: string; value: number }[], locale: Locale) => Promise<Uint8Array>;
}

async function order(deps: BotCommandsDeps, input: BotCommandInput & { command: 'buy' | 'sell' }): Promise<BotReply> {
  const { locale, userId } = input;
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

async function subscribe(deps: BotCommandsDeps, input: BotCommandInput): Promise<BotReply> {
  const { locale, userId } = input;
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

function subscriptionsOn(deps: BotCommandsDeps, input: BotCommandInput): Promise<Subscription[]> {
  return deps.subscriptions.listByUser(input.userId).then((subs) => subs.filter((s) => s.platform === input.platform));
}

async function listSubscriptions(deps: BotCommandsDeps, input: BotCommandInput): Promise<BotReply> {
  const { locale } = input;
  const subs = await subscriptionsOn(deps, input);
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

async function unsubscribe(deps: BotCommandsDeps, input: BotCommandInput): Promise<BotReply> {
  const { locale, userId } = input;
  const subs = await subscriptionsOn(deps, input);
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

async function quiet(deps: BotCommandsDeps, input: BotCommandInput): Promise<BotReply> {
  const { locale, userId } = input;
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

async function runCommand(deps: BotCommandsDeps, input: BotCommandInput): Promise<BotReply> {
  const { locale, userId } = input;
  switch (input.command) {
    case 'buy':
    case 'sell':
      return order(deps, { ...input, command: input.command });
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
    case 'subscribe':
      return subscribe(deps, input);
    case 'subscriptions':
      return listSubscriptions(deps, input);
    case 'unsubscribe':
      return unsubscribe(deps, input);
    case 'quiet':
      return quiet(deps, input);
  }
}

/**
 * Paper trading and alert subscriptions as commands, the same on every platform: each adapter maps its wire
 * (a Telegram command, a Discord slash command, a Kakao utterance) onto `run` and renders the reply.
 */
export function createBotCommands(deps: BotCommandsDeps) {
  return {
    /** Runs one command; a refusal (bad input, not enough cash, no price) becomes a reply, never an exception. */
    async run(input: BotCommandInput): Promise<BotReply> {
      try {
        return await runCommand(deps, input);
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
