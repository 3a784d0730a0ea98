import { MongoClient, MongoServerError, type Collection } from 'mongodb';
import { RiskXpertError } from '../errors.js';
import { checkUserId } from './subscription-store.js';
import { fromStoredAccount, toStoredAccount, type AccountStore, type StoredAccount } from './account-store.js';

interface AccountDoc extends Omit<StoredAccount, 'userId'> {
  _id: string;
  revision: number;
  updatedAt: Date;
}

/** Paper accounts in `accounts`, `_id` = user id; the revision makes every save a compare-and-set. */
export function createMongoAccountStore(options: { url: string; dbName: string; client?: MongoClient; serverSelectionTimeoutMs?: number }): AccountStore {
  const client = options.client ?? new MongoClient(options.url, { serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 2_500, appName: 'riskxpert-sim' });
  const col: Collection<AccountDoc> = client.db(options.dbName).collection('accounts');

  async function guard<T>(what: string, op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      if (err instanceof RiskXpertError) throw err;
      throw new RiskXpertError('STORE_UNAVAILABLE', `MongoDB ${what} failed: ${(err as Error).message}`, { cause: err });
    }
  }

  return {
    // _id is the only key queried: the default index serves it.
    init: async () => {},
    load: (userId) =>
      guard('load account', async () => {
        const doc = await col.findOne({ _id: checkUserId(userId) });
        if (!doc) return undefined;
        const { _id, revision, updatedAt: _u, ...rest } = doc;
        return { account: fromStoredAccount({ userId: _id, ...rest }), revision };
      }),
    save: (account, revision) =>
      guard('save account', async () => {
        const { userId, ...doc } = toStoredAccount(account);
        const id = checkUserId(userId);
        const next = { ...doc, revision: revision + 1, updatedAt: new Date() };
        if (revision === 0) {
          try {
            await col.insertOne({ _id: id, ...next });
            return true;
          } catch (err) {
            if (err instanceof MongoServerError && err.code === 11000) return false;
            throw err;
          }
        }
        return (await col.replaceOne({ _id: id, revision }, next)).modifiedCount === 1;
      }),
    close: () => client.close(),
  };
}
