import { z } from 'zod';
import { RiskXpertError } from '../errors.js';
import { requireId } from '../store/store-input.js';
import type { PendingRecommendation } from './apply-recommendation.js';

/**
 * The last recommendation shown to each user, kept where every process of the deployment sees it (SQLite file or
 * MongoDB), so /apply works on any replica and after a restart. `take` reads and removes in one step: two /apply
 * racing on two replicas cannot both apply it. Expiry (APPLY_WINDOW_MS) is judged by the caller from `at`; stores
 * also forget entries once they are past `expiresAt`, so nothing accumulates.
 */
export interface PendingRecommendationStore {
  put(userId: string, rec: PendingRecommendation, expiresAt: number): Promise<void>;
  take(userId: string): Promise<PendingRecommendation | undefined>;
  close(): Promise<void>;
}

const pendingSchema = z.object({
  at: z.number().int().nonnegative(),
  fingerprint: z.string().max(200),
  ids: z.array(z.string().min(1).max(100)).max(100),
  weightsAfter: z.array(z.number().min(0).max(1)).max(100),
});

/** Checks a recommendation on the way in and out of a store (a stored document is input like any other). */
export function parsePending(value: unknown): PendingRecommendation {
  const r = pendingSchema.safeParse(value);
  if (!r.success || r.data.ids.length !== r.data.weightsAfter.length)
    throw new RiskXpertError('STORE_CORRUPT', 'A stored recommendation is not in the expected shape.');
  return r.data;
}

/** This process only (tests, STORE=memory): one entry per user, replaced by the next recommendation. */
export function createMemoryPendingRecommendationStore(): PendingRecommendationStore {
  const pending = new Map<string, PendingRecommendation>();
  return {
    async put(userId, rec) {
      pending.set(requireId(userId, 'userId'), parsePending(rec));
    },
    async take(userId) {
      const rec = pending.get(requireId(userId, 'userId'));
      pending.delete(userId);
      return rec;
    },
    async close() {},
  };
}
