import { MongoServerError, type Collection } from 'mongodb';
import { guardMongo, storeClient, type MongoStoreConnection } from './mongo-client.js';
import { checkUserId } from './subscription-store.js';
import { fromStoredAccount, toStoredAccount, type AccountStore, type StoredAccount } from './account-store.js';

interface AccountDoc extends Omit<StoredAccount, 'userId'> {
  _id: string;
  revision: number;
  updatedAt: Date;
}

/** Paper accounts in `accounts`, `_id` = user id; the revision makes every save a compare-and-set. */
export function createMongoAccountStore(options: MongoStoreConnection): AccountStore {
  const { client, close: closeClient } = storeClient(options);
  const col: Collection<AccountDoc> = client.db(options.dbName).collection('accounts');

  return {
    // _id is the only key queried: the default index serves it.
    init: async () => {},
    load: (userId) =>
      guardMongo('load account', async () => {
        const doc = await col.findOne({ _id: checkUserId(userId) });
        if (!doc) return undefined;
        const { _id, revision, updatedAt: _u, ...rest } = doc;
        return { account: fromStoredAccount({ userId: _id, ...rest }), revision };
      }),
    save: (account, revision) =>
      guardMongo('save account', async () => {
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
    delete: (userId) =>
      guardMongo('delete account', async () => (await col.deleteOne({ _id: checkUserId(userId) })).deletedCount === 1),
    close: closeClient,
  };
}
