import { checkUserId } from './subscription-store.js';
import { fromStoredAccount, toStoredAccount, type AccountStore, type StoredAccount } from './account-store.js';

/** The embedded account store: the same contract as MongoDB, in this process. */
export function createMemoryAccountStore(): AccountStore {
  const rows = new Map<string, { revision: number; doc: StoredAccount }>();
  return {
    async init() {},
    async load(userId) {
      const row = rows.get(checkUserId(userId));
      return row ? { account: fromStoredAccount(row.doc), revision: row.revision } : undefined;
    },
    async save(account, revision) {
      const current = rows.get(checkUserId(account.userId))?.revision ?? 0;
      if (current !== revision) return false;
      rows.set(account.userId, { revision: revision + 1, doc: toStoredAccount(account) });
      return true;
    },
    async delete(userId) {
      return rows.delete(checkUserId(userId));
    },
    async close() {},
  };
}
