import { RiskXpertError } from '../errors.js';
import { requireTokenHash, type RefreshTokenRecord, type RefreshTokenStore } from './refresh-token-store.js';
import { requireId } from './store-input.js';

const clone = <T>(v: T): T => structuredClone(v);

/** The embedded refresh-token store: same contract as MongoDB, this process only, expired tokens swept on write. */
export function createMemoryRefreshTokenStore(options: { maxTokens?: number } = {}): RefreshTokenStore {
  const maxTokens = options.maxTokens ?? 100_000;
  const tokens = new Map<string, RefreshTokenRecord>();
  // Every authenticated request asks whether its session is alive: a family index keeps that O(family).
  const families = new Map<string, Set<string>>();
  const familyOf = (familyId: string) => [...(families.get(familyId) ?? [])].map((h) => tokens.get(h)!);

  function remove(hash: string): void {
    const t = tokens.get(hash);
    if (!t) return;
    tokens.delete(hash);
    const f = families.get(t.familyId);
    f?.delete(hash);
    if (f?.size === 0) families.delete(t.familyId);
  }

  function sweep(now: Date): void {
    if (tokens.size < maxTokens) return;
    for (const [hash, t] of tokens) if (t.expiresAt <= now) remove(hash);
    // Still full of live tokens: the oldest sessions go first, as a TTL index would never do but memory must.
    while (tokens.size >= maxTokens) remove(tokens.keys().next().value!);
  }

  return {
    kind: 'memory',
    async insert(record) {
      const tokenHash = requireTokenHash(record.tokenHash);
      requireId(record.familyId, 'familyId');
      requireId(record.userId, 'userId');
      if (tokens.has(tokenHash)) throw new RiskXpertError('BAD_REQUEST', 'This refresh token already exists.');
      sweep(record.createdAt);
      tokens.set(
        tokenHash,
        clone({
          tokenHash,
          familyId: record.familyId,
          userId: record.userId,
          createdAt: record.createdAt,
          expiresAt: record.expiresAt,
        }),
      );
      const f = families.get(record.familyId) ?? new Set<string>();
      f.add(tokenHash);
      families.set(record.familyId, f);
    },
    async consume(hash, now) {
      const t = tokens.get(requireTokenHash(hash));
      if (!t) return { status: 'unknown' };
      if (t.revokedAt) return { status: 'revoked', record: clone(t) };
      if (t.usedAt) return { status: 'reused', record: clone(t) };
      if (t.expiresAt <= now) return { status: 'expired', record: clone(t) };
      // Check and set in one synchronous step: no await in between, so concurrent calls cannot both rotate.
      t.usedAt = now;
      return { status: 'rotated', record: clone(t) };
    },
    async revokeFamily(familyId, now) {
      requireId(familyId, 'familyId');
      let n = 0;
      for (const t of familyOf(familyId)) {
        if (!t.revokedAt) {
          t.revokedAt = now;
          n += 1;
        }
      }
      return n;
    },
    async isFamilyActive(familyId, now) {
      requireId(familyId, 'familyId');
      for (const t of familyOf(familyId)) if (!t.revokedAt && t.expiresAt > now) return true;
      return false;
    },
    async init() {},
    async ping() {
      return true;
    },
    async close() {},
  };
}
