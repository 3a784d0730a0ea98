import { RiskXpertError } from '../errors.js';
import type { AlertPlatform } from './subscription-store.js';

/**
 * reserved: a job holds the delivery and has sent nothing yet (a retry of the same job may take it over).
 * sending: flipped atomically right before the request. Left by a crashed worker, it is "in doubt": the push may
 * or may not have reached the platform, and since no platform here takes an idempotency key, it is never sent
 * again (at most once). The rest are final.
 */
export type DeliveryStatus = 'reserved' | 'sending' | 'sent' | 'blocked' | 'capped' | 'skipped' | 'failed';

export interface DeliveryRecord {
  /** The dedup key of (event × subscription); a subscription belongs to one platform. */
  key: string;
  eventKey: string;
  subscriptionId: string;
  platform: AlertPlatform;
  status: DeliveryStatus;
  /** The job holding a reservation (its retries may take it over). */
  owner: string;
  updatedAt: Date;
}

export type ClaimResult = { claimed: true } | { claimed: false; status: DeliveryStatus };

/** The delivery ledger: the guarantee that one (event, subscriber, platform) is pushed at most once. */
export interface DeliveryStore {
  init(): Promise<void>;
  /**
   * Atomically reserves the delivery for `record.owner`: creates it, or takes over a reservation of the same owner
   * (a retried job). Anything else is refused with the status found.
   */
  claim(record: Omit<DeliveryRecord, 'status' | 'updatedAt'>): Promise<ClaimResult>;
  /** reserved → sending for all the keys in one atomic step, immediately before the request goes out. */
  begin(keys: readonly string[]): Promise<void>;
  /** Records the final outcome. */
  settle(key: string, status: Exclude<DeliveryStatus, 'reserved' | 'sending'>): Promise<void>;
  /** Drops a reservation, or a send that certainly did not reach the platform (429, 5xx), so a retry may claim it. */
  release(key: string): Promise<void>;
  get(key: string): Promise<DeliveryRecord | undefined>;
  close(): Promise<void>;
}

export const DELIVERY_KEY = /^[0-9a-f]{32}$/u;

export function checkDeliveryKey(k: unknown): string {
  if (typeof k !== 'string' || !DELIVERY_KEY.test(k)) throw new RiskXpertError('BAD_REQUEST', 'Not a delivery key.');
  return k;
}
