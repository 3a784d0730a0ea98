import { riskProfileSchema, type RiskProfile, type RiskProfileStore } from '../risk/risk-profile.js';
import { requireId } from './store-input.js';

export function createMemoryRiskProfileStore(): RiskProfileStore {
  const profiles = new Map<string, RiskProfile>();
  return {
    async init() {},
    async get(userId) {
      const p = profiles.get(requireId(userId, 'userId'));
      return p ? { ...p } : undefined;
    },
    async put(profile) {
      const p = riskProfileSchema.parse(profile);
      profiles.set(p.userId, p);
    },
    async remove(userId) {
      return profiles.delete(requireId(userId, 'userId'));
    },
    async close() {},
  };
}
