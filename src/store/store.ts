import type { Platform } from '../engine/answer-types.js';
import type { Locale } from '../locale.js';
import type { TokenUsage } from '../narrate/narrator.js';

export interface ConversationRecord {
  /** Unique; saving the same id twice is a no-op (writes are retried, so they must be idempotent). */
  id: string;
  platform: Platform;
  userId: string;
  request: { question: string; indicatorId: string; horizonMonths: number; locale: Locale };
  forecast: {
    method: string;
    modelVersion: string;
    lastDate: string;
    lastValue: number;
    dates: string[];
    median: number[];
    low: number[];
    high: number[];
    dataSource: string;
    /** The month-end points the chart drew (the last 60 at most), so the chart can be redrawn from the record. */
    history?: { date: string; value: number }[];
  };
  summary: string;
  scenario: string;
  narrator: string;
  cached: boolean;
  usage?: TokenUsage;
  timings: Record<string, number>;
  /** sha256 of the chart PNG, so history can re-serve it from the chart cache. */
  chartHash?: string;
  createdAt: Date;
}

export interface UserRecord {
  /** Platform-prefixed opaque id, e.g. "kakao:123". */
  id: string;
  platform: Platform;
  displayName?: string;
  locale?: Locale;
  createdAt: Date;
  updatedAt: Date;
}

export interface ConversationStore {
  save(record: ConversationRecord): Promise<void>;
  /**
   * Several records in one write where the backend has one (a single SQLite transaction instead of one per record);
   * all or nothing, with save's checks and idempotence. Optional: a writer without it saves one by one.
   */
  saveMany?(records: readonly ConversationRecord[]): Promise<void>;
  get(id: string): Promise<ConversationRecord | undefined>;
  /** Newest first. */
  listByUser(userId: string, options?: { limit?: number }): Promise<ConversationRecord[]>;
  /** Erases every conversation of the user (an operator's data deletion); returns how many. */
  deleteByUser(userId: string): Promise<number>;
}

export interface UserStore {
  /** Creates or updates; returns the stored record. */
  upsert(user: { id: string; platform: Platform; displayName?: string; locale?: Locale }): Promise<UserRecord>;
  get(id: string): Promise<UserRecord | undefined>;
}

/** Store port. Implementations throw RiskXpertError('STORE_UNAVAILABLE') when the backend is down. */
export interface Store {
  readonly kind: 'mongo' | 'memory' | 'sqlite';
  conversations: ConversationStore;
  users: UserStore;
  /** Creates indexes and checks the connection. Idempotent. */
  init(): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
