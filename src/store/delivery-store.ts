import { RiskXpertError } from '../errors.js';
import type { AlertPlatform } from './subscription-store.js';

/**
 * claimed: a worker is about to send (or was, when it died). The rest are final.
 * A claim left by a crashed worker is "in doubt": the push may or may not have reached the platform, and since
 * no platform here takes an idempotency key, it is never sent again (at most once) and counted as in doubt.
 */
export type DeliveryStatus = 'claimed' | 'sent' | 'blocked' | 'capped' | 'skipped' | 'failed';

export interface DeliveryRecord {
  /** The dedup key of (event × subscription); a subscription belongs to one platform. */
  key: string;
  eventKey: string;
  subscriptionId: string;
  platform: AlertPlatform;
  status: DeliveryStatus;
  updatedAt: Date;
}

export type ClaimResult = { claimed: true } | { claimed: false; status: DeliveryStatus };

/** The delivery ledger: the guarantee that one (event, subscriber, platform) is pushed at most once. */
export interface DeliveryStore {
  init(): Promise<void>;
  /** Atomically creates the record as 'claimed'; if it exists, says what it is. */
  claim(record: Omit<DeliveryRecord, 'status' | 'updatedAt'>): Promise<ClaimResult>;
  /** Records the final outcome of a claimed delivery. */
  settle(key: string, status: Exclude<DeliveryStatus, 'claimed'>): Promise<void>;
  /** Drops a claim that certainly did not reach the platform (it answered 429 or 5xx), so a retry may claim it. */
  release(key: string): Promise<void>;
  get(key: string): Promise<DeliveryRecord | undefined>;
  close(): Promise<void>;
}

export const DELIVERY_KEY = /^[0-9a-f]{32}$/u;

export function checkDeliveryKey(k: unknown): string {
  if (typeof k !== 'string' || !DELIVERY_KEY.test(k)) throw new RiskXpertError('BAD_REQUEST', 'Not a delivery key.');
  return k;
}
