import { createHash } from 'node:crypto';
import { z } from 'zod';
import { RiskXpertError } from '../errors.js';
import { LOCALES, type Locale } from '../locale.js';

export const ALERT_PLATFORMS = ['telegram', 'discord', 'kakao'] as const;
export type AlertPlatform = (typeof ALERT_PLATFORMS)[number];

/**
 * A rule as a user subscribes to it. Stop-loss and take-profit carry no price: the average cost is read from the
 * user's paper position when the rule is evaluated, so a later buy moves the stop with it.
 */
export const subscriptionRuleSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('drawdown'),
    lookbackDays: z.number().int().min(5).max(3_650),
    thresholdPct: z.number().positive().max(100),
  }),
  z.object({ kind: z.literal('move'), period: z.enum(['day', 'month']), thresholdPct: z.number().positive().max(100) }),
  z.object({
    kind: z.literal('volatility-spike'),
    windowDays: z.number().int().min(5).max(120),
    historyDays: z.number().int().min(20).max(2_000),
    zScore: z.number().positive().max(10),
  }),
  z.object({ kind: z.literal('forecast-lower-band'), threshold: z.number().finite() }),
  z.object({ kind: z.literal('stop-loss'), thresholdPct: z.number().positive().max(100) }),
  z.object({ kind: z.literal('take-profit'), thresholdPct: z.number().positive().max(1_000) }),
  // News alerts: a burst of news on the indicator or a watched source's item (src/news/news-threat.ts raises them).
  z.object({ kind: z.literal('news') }),
]);
export type SubscriptionRule = z.infer<typeof subscriptionRuleSchema>;

/** Minutes after midnight, Asia/Seoul; start > end wraps past midnight (23:00–07:00). */
export const quietHoursSchema = z.object({
  startMinute: z.number().int().min(0).max(1_439),
  endMinute: z.number().int().min(0).max(1_439),
});
export type QuietHours = z.infer<typeof quietHoursSchema>;

export const newSubscriptionSchema = z.object({
  /** Platform-prefixed opaque id, e.g. "telegram:123". */
  userId: z.string().regex(/^(telegram|discord|kakao):[A-Za-z0-9_.-]{1,128}$/u, 'a platform-prefixed user id'),
  platform: z.enum(ALERT_PLATFORMS),
  /** Where a push goes: Telegram chat id, Discord user id (DM), Kakao botUserKey. */
  target: z.string().regex(/^-?[A-Za-z0-9_.-]{1,128}$/u),
  locale: z.enum(LOCALES).default('ko'),
  indicatorId: z.string().regex(/^[a-z0-9_]{1,40}$/u),
  rule: subscriptionRuleSchema,
  /** Discord and Kakao push only to users who said yes to pushes (Discord flags mass DMs; Kakao bills each one). */
  optIn: z.boolean().default(false),
  quietHours: quietHoursSchema.optional(),
});
export type NewSubscription = z.input<typeof newSubscriptionSchema>;

export interface Subscription extends z.infer<typeof newSubscriptionSchema> {
  id: string;
  active: boolean;
  createdAt: Date;
  deactivatedReason?: string;
  locale: Locale;
}

/**
 * Deterministic: subscribing twice to the same rule on the same indicator is one subscription (reactivated),
 * and the id feeds the delivery dedup key.
 */
export function subscriptionId(s: Pick<Subscription, 'userId' | 'platform' | 'indicatorId' | 'rule'>): string {
  const rule = Object.fromEntries(Object.entries(s.rule).sort(([a], [b]) => (a < b ? -1 : 1)));
  return `s_${createHash('sha256')
    .update(JSON.stringify([s.userId, s.platform, s.indicatorId, rule]))
    .digest('hex')
    .slice(0, 24)}`;
}

/** Validates a subscription request once, at the edge of the store. */
export function parseNewSubscription(input: NewSubscription): z.infer<typeof newSubscriptionSchema> {
  const parsed = newSubscriptionSchema.safeParse(input);
  if (!parsed.success)
    throw new RiskXpertError(
      'BAD_REQUEST',
      `Invalid subscription: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  if (parsed.data.platform !== parsed.data.userId.split(':')[0])
    throw new RiskXpertError('BAD_REQUEST', 'The user id belongs to another platform.');
  return parsed.data;
}

export const SUBSCRIPTION_ID = /^s_[0-9a-f]{24}$/u;

export function checkSubscriptionId(id: unknown): string {
  if (typeof id !== 'string' || !SUBSCRIPTION_ID.test(id))
    throw new RiskXpertError('BAD_REQUEST', 'Not a subscription id.');
  return id;
}

export function checkUserId(id: unknown): string {
  // A web login is `web:kakao:<id>` (src/ops/roles.ts): the one id form with two colons, so web users get paper accounts too.
  if (typeof id !== 'string' || !/^(?:telegram:|discord:|kakao:|web:|web:kakao:)[A-Za-z0-9_.-]{1,128}$/u.test(id))
    throw new RiskXpertError('BAD_REQUEST', 'Not a user id.');
  return id;
}

export interface SubscriptionStore {
  init(): Promise<void>;
  /** Adds (or reactivates, with the new settings) the subscription and returns it. */
  add(input: NewSubscription): Promise<Subscription>;
  get(id: string): Promise<Subscription | undefined>;
  getMany(ids: readonly string[]): Promise<Map<string, Subscription>>;
  listByUser(userId: string): Promise<Subscription[]>;
  /** Every active subscription on the indicator, ordered by id (stable batches for Kakao). */
  listActiveByIndicator(indicatorId: string): Promise<Subscription[]>;
  /** Unsubscribe: removes the user's subscription; false when the user has no such subscription. */
  remove(userId: string, id: string): Promise<boolean>;
  /** The platform said the user blocked the bot: every subscription of that user there stops. Returns how many. */
  deactivateUser(userId: string, reason: string): Promise<number>;
  setQuietHours(userId: string, quietHours: QuietHours | undefined): Promise<number>;
  close(): Promise<void>;
}
