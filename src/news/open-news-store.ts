import type { StoreSet } from '../store/open-stores.js';
import { createMemoryNewsStore } from './memory-news-store.js';
import { createMongoNewsStore } from './mongo-news-store.js';
import type { NewsStore } from './news-store.js';
import { createSqliteNewsStore } from './sqlite-news-store.js';

/** The news store on the process's backend (STORE): the same SQLite file or MongoDB client as every other store. */
export function openNewsStore(
  stores: Pick<StoreSet, 'kind' | 'sqlite' | 'mongoClient'>,
  mongo?: { url: string; dbName: string },
): NewsStore {
  if (stores.sqlite) return createSqliteNewsStore(stores.sqlite);
  if (stores.mongoClient && mongo) return createMongoNewsStore({ ...mongo, client: stores.mongoClient });
  return createMemoryNewsStore();
}
