import { createHash } from 'node:crypto';
import type { Point } from '../data/series.js';
import { dedupKey, evaluateRule, type ThreatEvent, type ThreatRule } from '../sim/threat-rules.js';
import type { Subscription, SubscriptionRule } from '../store/subscription-store.js';

export interface DueAlert {
  subscription: Subscription;
  eventKey: string;
  /** Dedup key of (event × subscription): the notify job id and the delivery ledger key. */
  deliveryKey: string;
}

export interface EvaluatedEvent {
  key: string;
  rule: ThreatRule;
  params: SubscriptionRule;
  event: ThreatEvent;
}

/** Same crossing of the same rule with the same parameters on the same indicator ⇒ same key, in any process. */
export function eventKey(rule: ThreatRule, indicatorId: string, date: string): string {
  const sorted = Object.fromEntries(Object.entries(rule).sort(([a], [b]) => (a < b ? -1 : 1)));
  return createHash('sha256')
    .update(JSON.stringify(['event', sorted, indicatorId, date]))
    .digest('hex')
    .slice(0, 32);
}

/** The concrete rule of a subscription: stop-loss and take-profit take the average cost of the user's position. */
export function concreteRule(params: SubscriptionRule, averagePrice: number | undefined): ThreatRule | undefined {
  if (params.kind === 'stop-loss' || params.kind === 'take-profit')
    return averagePrice && averagePrice > 0 ? { ...params, averagePrice } : undefined;
  return params;
}

/**
 * Every active subscription of one indicator against its history (and forecast low band): each distinct rule is
 * evaluated once, however many users share it. Pure.
 */
export function evaluateSubscriptions(args: {
  indicatorId: string;
  points: readonly Point[];
  forecastLow?: { date: string; value: number }[];
  subscriptions: readonly Subscription[];
  averagePrice?: (subscription: Subscription) => number | undefined;
}): { events: Map<string, EvaluatedEvent>; due: DueAlert[] } {
  const byRule = new Map<string, { rule: ThreatRule; params: SubscriptionRule; subs: Subscription[] }>();
  for (const s of args.subscriptions) {
    if (!s.active || s.indicatorId !== args.indicatorId) continue;
    const rule = concreteRule(s.rule, args.averagePrice?.(s));
    if (!rule) continue;
    const k = JSON.stringify(Object.entries(rule).sort(([a], [b]) => (a < b ? -1 : 1)));
    const group = byRule.get(k) ?? { rule, params: s.rule, subs: [] };
    group.subs.push(s);
    byRule.set(k, group);
  }
  const events = new Map<string, EvaluatedEvent>();
  const due: DueAlert[] = [];
  for (const { rule, params, subs } of byRule.values()) {
    const event = evaluateRule({
      subscriptionId: '',
      indicatorId: args.indicatorId,
      rule,
      points: args.points,
      ...(args.forecastLow ? { forecastLow: args.forecastLow } : {}),
    });
    if (!event) continue;
    const key = eventKey(rule, args.indicatorId, event.date);
    events.set(key, { key, rule, params, event });
    for (const s of subs)
      due.push({ subscription: s, eventKey: key, deliveryKey: dedupKey(s.id, rule, args.indicatorId, event.date) });
  }
  return { events, due };
}
