import type { ThreatRule } from '../sim/threat-rules.js';
import type { SubscriptionRule } from './subscription-store.js';

/** One crossing of one rule (with its parameters) on one indicator's observation: shared by every subscriber. */
export interface StoredThreatEvent {
  /** sha256 of (rule with parameters, indicator, date): the same crossing always has the same key. */
  key: string;
  indicatorId: string;
  rule: ThreatRule['kind'];
  params: SubscriptionRule;
  date: string;
  value: number;
  measure: number;
  /** The one-line explanation in each language, fixed when the event is recorded. */
  text: { ko: string; en: string };
  /** Chart store token of the small chart, if one was rendered. */
  chartToken?: string;
  createdAt: Date;
}

export interface ThreatEventStore {
  init(): Promise<void>;
  /** Records the event; if its key is already recorded, the first record wins and is returned unchanged. */
  record(event: StoredThreatEvent): Promise<StoredThreatEvent>;
  get(key: string): Promise<StoredThreatEvent | undefined>;
  /** Newest first. */
  listByIndicator(indicatorId: string, limit: number): Promise<StoredThreatEvent[]>;
  close(): Promise<void>;
}

export const EVENT_KEY = /^[0-9a-f]{32}$/u;
