import { formatQuietHours, parseQuietHours } from '../alerts/quiet-hours.js';
import { getIndicator, indicatorName } from '../data/catalog.js';
import { stockCodeOf, stockId, stockName, takeStock } from '../data/stock-instruments.js';
import { parseQuestion } from '../engine/parse-question.js';
import { isRiskXpertError } from '../errors.js';
import type { Locale } from '../locale.js';
import type { AlertPlatform, QuietHours, Subscription, SubscriptionRule, SubscriptionStore } from '../store/subscription-store.js';
import { PRICE_SCALE } from './paper-account.js';
import type { PaperTrading, Portfolio } from './paper-trading.js';
import { stockCsvFile, type StockPriceProblem } from '../data/stock-prices.js';

export const BOT_COMMANDS = ['buy', 'sell', 'portfolio', 'reset', 'subscribe', 'unsubscribe', 'subscriptions', 'quiet'] as const;
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

const won = (n: bigint | number, locale: Locale) => `${BigInt(n).toLocaleString('en-US')}${locale === 'ko' ? '원' : ' KRW'}`;
const signedWon = (n: bigint, locale: Locale) => `${n > 0n ? '+' : n < 0n ? '−' : ''}${won(n < 0n ? -n : n, locale)}`;
const price = (units: bigint) => {
  const whole = units / PRICE_SCALE;
  const frac = (units % PRICE_SCALE).toString().padStart(4, '0').replace(/0+$/u, '');
  return `${whole.toLocaleString('en-US')}${frac ? `.${frac}` : ''}`;
};

/** Finds the indicator named in the text (an id or any alias, longest first) and returns the text without it. */
function takeIndicator(args: string): { indicatorId?: string; rest: string } {
  const lower = args.toLowerCase();
  const byId = lower.trim().split(/\s+/u).map((w) => getIndicator(w)).find((i) => i !== undefined);
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
  if (stock.kind === 'stock' && stock.by !== 'code') return { instrumentId: stockId(stock.code), ...quantityIn(stock.rest) };
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
      return { ...base, rule: { kind, period: /month|월간|한\s?달|월/iu.test(rest) ? 'month' : 'day', thresholdPct: Math.abs(n ?? 5) } };
    case 'volatility-spike':
      return { ...base, rule: { kind, windowDays: 20, historyDays: 250, zScore: Math.abs(n ?? 2) } };
    case 'forecast-lower-band':
      return n === undefined ? { ...base, problem: 'threshold' } : { ...base, rule: { kind, threshold: n } };
    case 'stop-loss':
      return { ...base, rule: { kind, thresholdPct: Math.abs(n ?? 10) } };
    case 'take-profit':
      return { ...base, rule: { kind, thresholdPct: Math.abs(n ?? 20) } };
  }
}

export function describeRule(rule: SubscriptionRule, locale: Locale): string {
  const ko = locale === 'ko';
  switch (rule.kind) {
    case 'drawdown':
      return ko ? `최근 ${rule.lookbackDays}일 고점 대비 −${rule.thresholdPct}% 하락` : `−${rule.thresholdPct}% from the ${rule.lookbackDays}-day peak`;
    case 'move':
      return ko ? `${rule.period === 'day' ? '하루' : '한 달'} ±${rule.thresholdPct}% 이상 변동` : `a move of ±${rule.thresholdPct}% in a ${rule.period}`;
    case 'volatility-spike':
      return ko ? `변동성 급등 (z ≥ ${rule.zScore})` : `volatility spike (z ≥ ${rule.zScore})`;
    case 'forecast-lower-band':
      return ko ? `예측 하단이 ${rule.threshold} 아래로` : `forecast lower band below ${rule.threshold}`;
    case 'stop-loss':
      return ko ? `손절 −${rule.thresholdPct}% (모의투자 평균가 대비)` : `stop-loss −${rule.thresholdPct}% (paper average cost)`;
    case 'take-profit':
      return ko ? `익절 +${rule.thresholdPct}% (모의투자 평균가 대비)` : `take-profit +${rule.thresholdPct}% (paper average cost)`;
  }
}

function portfolioText(p: Portfolio, locale: Locale): string {
  const v = p.valuation;
  const ko = locale === 'ko';
  const name = (id: string) => instrumentName(id, locale);
  const lines = [
    ko ? `💼 모의투자 계좌: 평가액 ${won(v.equityWon, locale)}` : `💼 Paper account: value ${won(v.equityWon, locale)}`,
    ko ? `현금 ${won(v.cashWon, locale)} · 실현손익 ${signedWon(v.realizedWon, locale)} · 평가손익 ${signedWon(v.unrealizedWon, locale)}` : `Cash ${won(v.cashWon, locale)} · realized ${signedWon(v.realizedWon, locale)} · unrealized ${signedWon(v.unrealizedWon, locale)}`,
  ];
  for (const pos of v.positions) {
    lines.push(
      ko
        ? `• ${name(pos.symbol)} ${pos.quantity}주, 평균가 ${price(pos.averagePrice)}, 평가 ${won(pos.valueWon, locale)} (${signedWon(pos.unrealizedWon, locale)}, ${p.asOf[pos.symbol]} 기준)`
        : `• ${name(pos.symbol)} ×${pos.quantity}, average ${price(pos.averagePrice)}, value ${won(pos.valueWon, locale)} (${signedWon(pos.unrealizedWon, locale)}, as of ${p.asOf[pos.symbol]})`,
    );
  }
  if (v.positions.length === 0) lines.push(ko ? '보유 종목이 없어요. 예: /buy 코스피 3' : 'No positions. Try: /buy kospi 3');
  lines.push(ko ? '가상 계좌이며 투자 권유가 아닙니다.' : 'A virtual account; not investment advice.');
  return lines.join('\n');
}

/** Why a stock order found no price, in the user's language. */
function stockPriceText(reason: StockPriceProblem, code: string, english: string, locale: Locale): string {
  if (locale !== 'ko') return `${reason === 'loading' ? '⏳' : '⚠️'} ${english}`;
  switch (reason) {
    case 'loading':
      return `⏳ ${stockName(code, locale)} 가격을 불러오는 중입니다, 잠시 후 다시 시도하세요.`;
    case 'load-failed':
      return `⚠️ ${code} 종목의 가격을 KIS에서 불러오지 못했어요. 종목코드를 확인해 주세요.`;
    case 'needs-kis':
      return `⚠️ 주식 가격에는 KIS_APP_KEY와 KIS_APP_SECRET(한국투자증권 Open API) 설정, 또는 RISKXPERT_DATA_DIR의 ${stockCsvFile(code)} 파일이 필요해요.`;
    case 'needs-queue':
      return `⚠️ ${code} 종목 가격이 아직 없어요. 주식 가격은 \`riskxpert worker\`가 불러오며 QUEUE_REDIS_URL이 필요해요 (또는 RISKXPERT_DATA_DIR에 ${stockCsvFile(code)}).`;
  }
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
    const ko = locale === 'ko';
    switch (input.command) {
      case 'buy':
      case 'sell': {
        const o = parseOrder(input.args);
        if (o.invalid) {
          return { text: ko ? `⚠️ ${JSON.stringify(o.invalid)}은(는) 올바른 종목코드가 아니에요. 종목코드는 6자리 숫자예요 (예: 005930).` : `⚠️ ${JSON.stringify(o.invalid)} is not a valid stock code: a KRX code is 6 digits (e.g. 005930).` };
        }
        if (!o.instrumentId || !o.quantity) {
          return { text: ko ? `예: /${input.command} 코스피 3 · /${input.command} 005930 10 · /${input.command} 삼성전자 10 (지표 또는 종목코드와 수량)` : `Usage: /${input.command} kospi 3 · /${input.command} 005930 10 (an indicator or a KRX stock code, and a quantity)` };
        }
        const r = input.command === 'buy' ? await deps.trading.buy(userId, o.instrumentId, o.quantity) : await deps.trading.sell(userId, o.instrumentId, o.quantity);
        const n = instrumentName(o.instrumentId, locale);
        const verb = input.command === 'buy' ? (ko ? '매수' : 'Bought') : ko ? '매도' : 'Sold';
        const realized = r.trade.realizedWon !== undefined ? (ko ? `, 실현손익 ${signedWon(r.trade.realizedWon, locale)}` : `, realized ${signedWon(r.trade.realizedWon, locale)}`) : '';
        return {
          text: ko
            ? `✅ ${n} ${r.trade.quantity}주 ${verb}: ${price(r.trade.price)} (${r.priceDate} 종가), 수수료 ${won(r.trade.feeWon, locale)}${realized}. 현금 ${won(r.account.cashWon, locale)}`
            : `✅ ${verb} ${r.trade.quantity} ${n} at ${price(r.trade.price)} (close of ${r.priceDate}), fee ${won(r.trade.feeWon, locale)}${realized}. Cash ${won(r.account.cashWon, locale)}`,
          buttons: [{ label: ko ? '💼 포트폴리오' : '💼 Portfolio', command: 'portfolio' }],
        };
      }
      case 'portfolio': {
        const p = await deps.trading.portfolio(userId);
        const png = deps.renderEquityChart && p.equityCurve.length > 0 ? await deps.renderEquityChart(p.equityCurve, locale).catch(() => undefined) : undefined;
        return { text: portfolioText(p, locale), ...(png ? { png } : {}) };
      }
      case 'reset': {
        const a = await deps.trading.reset(userId);
        return { text: ko ? `🔄 계좌를 초기화했어요. 현금 ${won(a.cashWon, locale)}` : `🔄 Account reset. Cash ${won(a.cashWon, locale)}` };
      }
      case 'subscribe': {
        const r = parseRule(input.args);
        if (!r.indicatorId) return { text: ko ? '예: /subscribe 코스피 낙폭 10 · 급변 5 · 변동성 2 · 하단 2300 · 손절 10 · 익절 20' : 'Usage: /subscribe kospi drawdown 10 · move 5 · vol 2 · band 2300 · stop 10 · take 20' };
        if (!r.rule) return { text: ko ? '예측 하단 알림에는 기준값이 필요해요. 예: /subscribe 코스피 하단 2300' : 'The lower-band rule needs a threshold, e.g. /subscribe kospi band 2300' };
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
          text: ko
            ? `🔔 알림 설정: ${i ? indicatorName(i, locale) : sub.indicatorId} — ${describeRule(sub.rule, locale)}${sub.quietHours ? ` (방해 금지 ${formatQuietHours(sub.quietHours)})` : ''}`
            : `🔔 Subscribed: ${i ? indicatorName(i, locale) : sub.indicatorId} — ${describeRule(sub.rule, locale)}${sub.quietHours ? ` (quiet hours ${formatQuietHours(sub.quietHours)})` : ''}`,
          buttons: [{ label: ko ? '📋 내 알림' : '📋 My alerts', command: 'subscriptions' }],
        };
      }
      case 'subscriptions': {
        const subs = (await list(userId)).filter((s) => s.platform === input.platform);
        if (subs.length === 0) return { text: ko ? '설정한 알림이 없어요. 예: /subscribe 코스피 낙폭 10' : 'No alerts yet. Try: /subscribe kospi drawdown 10' };
        const lines = subs.map((s, n) => {
          const i = getIndicator(s.indicatorId);
          const state = s.active ? '' : ko ? ' (중지됨)' : ' (stopped)';
          return `${n + 1}. ${i ? indicatorName(i, locale) : s.indicatorId} — ${describeRule(s.rule, locale)}${s.quietHours ? ` · ${formatQuietHours(s.quietHours)}` : ''}${state}`;
        });
        return { text: lines.join('\n'), buttons: subs.slice(0, 5).map((_, n) => ({ label: ko ? `❌ ${n + 1}번 해제` : `❌ Remove ${n + 1}`, command: `unsubscribe ${n + 1}` })) };
      }
      case 'unsubscribe': {
        const subs = (await list(userId)).filter((s) => s.platform === input.platform);
        const arg = input.args.trim();
        const chosen = /^(all|전체|모두)$/iu.test(arg) ? subs : /^\d{1,3}$/u.test(arg) ? [subs[Number(arg) - 1]].filter((s): s is Subscription => s !== undefined) : [];
        if (chosen.length === 0) return { text: ko ? '해제할 번호를 알려 주세요. 예: /unsubscribe 1 (목록: /subscriptions), 전체는 /unsubscribe all' : 'Which one? e.g. /unsubscribe 1 (see /subscriptions), or /unsubscribe all' };
        for (const s of chosen) await deps.subscriptions.remove(userId, s.id);
        return { text: ko ? `🔕 알림 ${chosen.length}개를 해제했어요.` : `🔕 Removed ${chosen.length} alert(s).` };
      }
      case 'quiet': {
        const arg = input.args.trim();
        if (/^(off|끄기|해제|없음)$/iu.test(arg)) {
          await deps.subscriptions.setQuietHours(userId, undefined);
          return { text: ko ? '방해 금지 시간을 껐어요.' : 'Quiet hours off.' };
        }
        const q = parseQuietHours(arg);
        if (!q) return { text: ko ? '예: /quiet 23:00-07:00 (한국 시간), 끄기는 /quiet off' : 'Usage: /quiet 23:00-07:00 (Seoul time), or /quiet off' };
        const n = await deps.subscriptions.setQuietHours(userId, q);
        return { text: ko ? `🌙 방해 금지 ${formatQuietHours(q)} (한국 시간): 그 사이 알림은 끝난 뒤에 보내요. (${n}개 알림)` : `🌙 Quiet hours ${formatQuietHours(q)} (Seoul): alerts in that window wait until it ends. (${n} alerts)` };
      }
    }
  }

  return {
    /** Runs one command; a refusal (bad input, not enough cash, no price) becomes a reply, never an exception. */
    async run(input: BotCommandInput): Promise<BotReply> {
      try {
        return await run(input);
      } catch (err) {
        if (isRiskXpertError(err) && typeof err.details?.['stockPrice'] === 'string') return { text: stockPriceText(err.details['stockPrice'] as StockPriceProblem, String(err.details['code']), err.message, input.locale) };
        if (isRiskXpertError(err) && (err.code === 'BAD_REQUEST' || err.code === 'SERIES_NOT_FOUND' || err.code === 'UNKNOWN_INDICATOR')) {
          return { text: `${input.locale === 'ko' ? '⚠️ ' : '⚠️ '}${err.message}` };
        }
        throw err;
      }
    },
  };
}

export type BotCommands = ReturnType<typeof createBotCommands>;
