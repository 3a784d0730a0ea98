import { getIndicator, indicatorName } from '../data/catalog.js';
import { eventKey, type DueAlert } from '../alerts/evaluate-subscriptions.js';
import { dedupKey, type ThreatRule } from '../sim/threat-rules.js';
import type { SubscriptionStore } from '../store/subscription-store.js';
import type { StoredThreatEvent, ThreatEventStore } from '../store/threat-event-store.js';
import type { Locale } from '../locale.js';
import { t } from '../messages/t.js';
import type { NewsStore } from './news-store.js';
import type { NewsItem } from './news-types.js';

const HOUR = 3_600_000;
const NEWS_RULE: ThreatRule = { kind: 'news' };

export interface NewsSignal {
  indicatorId: string;
  kind: 'burst' | 'watched';
  /** What makes the event one event: the hour of a burst, the item of a watched source. */
  occasion: string;
  /** Items in the last hour (burst) or 1 (watched). */
  count: number;
  /** The hourly count's z-score against the indicator's own past hours (0 for a watched item). */
  z: number;
  mean: number;
  latest: NewsItem;
}

export interface BurstSettings {
  burstZ: number;
  burstMinCount: number;
  /** Past hours the last hour is compared with (a week by default). */
  historyHours?: number;
}

/**
 * Bursts: per indicator, the items of the last hour against the hourly counts of the `historyHours` before it
 * (empty hours count as 0). A burst needs at least `burstMinCount` items and a z-score of at least `burstZ`; the
 * standard deviation is floored at 1 so a quiet history does not make three items a burst. Pure.
 */
export function detectBursts(items: readonly NewsItem[], now: Date, s: BurstSettings): NewsSignal[] {
  const hours = s.historyHours ?? 168;
  const t = now.getTime();
  const byIndicator = new Map<string, { current: NewsItem[]; past: number[] }>();
  for (const item of items) {
    const age = t - Date.parse(item.publishedAt);
    if (!(age >= 0) || age >= (hours + 1) * HOUR) continue;
    const slot = Math.floor(age / HOUR);
    for (const id of item.indicators) {
      let g = byIndicator.get(id);
      if (!g) byIndicator.set(id, (g = { current: [], past: new Array<number>(hours).fill(0) }));
      if (slot === 0) g.current.push(item);
      else g.past[slot - 1]! += 1;
    }
  }
  const out: NewsSignal[] = [];
  for (const [indicatorId, g] of byIndicator) {
    const count = g.current.length;
    if (count < s.burstMinCount) continue;
    const mean = g.past.reduce((a, b) => a + b, 0) / hours;
    const sd = Math.sqrt(g.past.reduce((a, b) => a + (b - mean) ** 2, 0) / hours);
    const z = (count - mean) / Math.max(sd, 1);
    if (z < s.burstZ) continue;
    const latest = [...g.current].sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : -1))[0]!;
    out.push({
      indicatorId,
      kind: 'burst',
      occasion: `burst:${new Date(t - (t % HOUR)).toISOString()}`,
      count,
      z,
      mean,
      latest,
    });
  }
  return out;
}

/** Every indicator of every new item from a watched source (a central bank's release). Pure. */
export function watchedSignals(added: readonly NewsItem[], watched: ReadonlySet<string>): NewsSignal[] {
  return added
    .filter((i) => i.sources.some((s) => watched.has(s.name)))
    .flatMap((i) =>
      i.indicators.map((indicatorId) => ({
        indicatorId,
        kind: 'watched' as const,
        occasion: `item:${i.id}`,
        count: 1,
        z: 0,
        mean: 0,
        latest: i,
      })),
    );
}

function signalText(s: NewsSignal): { ko: string; en: string } {
  const ind = getIndicator(s.indicatorId);
  const item = `${s.latest.title} (${s.latest.source}) ${s.latest.url}`;
  const line = (locale: Locale) => {
    const name = ind ? indicatorName(ind, locale) : s.indicatorId;
    if (s.kind === 'watched') return t(locale, 'news.alert.watched', { name, item });
    // The usual hourly count, rounded once here.
    return t(locale, 'news.alert.burst', { name, count: s.count, mean: s.mean.toFixed(1), item });
  };
  return { ko: line('ko'), en: line('en') };
}

/** A burst already raised for the indicator this recently is the same burst going on, not a new one. */
const BURST_COOLDOWN_MS = 3 * HOUR;

/**
 * After a fetch: the signals, each recorded once as a threat event (the key is fixed by indicator and occasion, so
 * a retried job records nothing new), and one due alert per active news subscriber of that indicator.
 */
export async function raiseNewsThreats(
  deps: {
    news: NewsStore;
    events: ThreatEventStore;
    subscriptions: Pick<SubscriptionStore, 'listActiveByIndicator'>;
    now: Date;
    watched: ReadonlySet<string>;
  } & BurstSettings,
  added: readonly NewsItem[],
): Promise<{ events: Map<string, StoredThreatEvent>; due: DueAlert[] }> {
  const hours = deps.historyHours ?? 168;
  const recent = await deps.news.search({
    since: new Date(deps.now.getTime() - (hours + 1) * HOUR).toISOString(),
    limit: 5_000,
  });
  const signals = [...detectBursts(recent, deps.now, deps), ...watchedSignals(added, deps.watched)];
  const events = new Map<string, StoredThreatEvent>();
  const due: DueAlert[] = [];
  for (const s of signals) {
    if (s.kind === 'burst') {
      const prior = await deps.events.listByIndicator(s.indicatorId, 20);
      if (
        prior.some(
          (e) => e.rule === 'news' && e.measure > 0 && deps.now.getTime() - e.createdAt.getTime() < BURST_COOLDOWN_MS,
        )
      )
        continue;
    }
    const key = eventKey(NEWS_RULE, s.indicatorId, s.occasion);
    const recorded = await deps.events.record({
      key,
      indicatorId: s.indicatorId,
      rule: 'news',
      params: { kind: 'news' },
      date: s.kind === 'burst' ? s.occasion.slice('burst:'.length) : s.latest.publishedAt,
      value: s.count,
      measure: s.kind === 'burst' ? Math.round(s.z * 10) / 10 : 0,
      text: signalText(s),
      createdAt: deps.now,
    });
    events.set(key, recorded);
    const subs = (await deps.subscriptions.listActiveByIndicator(s.indicatorId)).filter((x) => x.rule.kind === 'news');
    for (const sub of subs)
      due.push({
        subscription: sub,
        eventKey: key,
        deliveryKey: dedupKey(sub.id, NEWS_RULE, s.indicatorId, s.occasion),
      });
  }
  return { events, due };
}
