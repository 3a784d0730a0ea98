import type { MongoClient } from 'mongodb';
import type { Config } from '../config.js';
import type { AccountStore } from './account-store.js';
import type { DeliveryStore } from './delivery-store.js';
import { createMemoryAccountStore } from './memory-account-store.js';
import { createMemoryDeliveryStore } from './memory-delivery-store.js';
import { createMemoryRefreshTokenStore } from './memory-refresh-token-store.js';
import { createMemorySeriesStore } from './memory-series-store.js';
import { createMemoryStore } from './memory-store.js';
import { createMemorySubscriptionStore } from './memory-subscription-store.js';
import { createMemoryThreatEventStore } from './memory-threat-event-store.js';
import { createMongoAccountStore } from './mongo-account-store.js';
import { createMongoClient } from './mongo-client.js';
import { createMongoDeliveryStore } from './mongo-delivery-store.js';
import { createMongoRefreshTokenStore } from './mongo-refresh-token-store.js';
import { createMongoSeriesStore } from './mongo-series-store.js';
import { createMongoStore } from './mongo-store.js';
import { createMongoSubscriptionStore } from './mongo-subscription-store.js';
import { createMongoThreatEventStore } from './mongo-threat-event-store.js';
import type { RefreshTokenStore } from './refresh-token-store.js';
import type { SeriesStore } from './series-store.js';
import type { StockListingStore } from './stock-listing-store.js';
import { createMemoryStockListingStore } from './memory-stock-listing-store.js';
import { createMongoStockListingStore } from './mongo-stock-listing-store.js';
import { createSqliteStockListingStore } from './sqlite-stock-listing-store.js';
import { createSqliteAccountStore } from './sqlite-account-store.js';
import { openSqliteDatabase, type SqliteDatabase } from './sqlite-database.js';
import { createSqliteDeliveryStore } from './sqlite-delivery-store.js';
import { createSqliteRefreshTokenStore } from './sqlite-refresh-token-store.js';
import { createSqliteSeriesStore } from './sqlite-series-store.js';
import { createSqliteStore } from './sqlite-store.js';
import { createSqliteSubscriptionStore } from './sqlite-subscription-store.js';
import { createSqliteThreatEventStore } from './sqlite-threat-event-store.js';
import type { Store } from './store.js';
import type { SubscriptionStore } from './subscription-store.js';
import type { ThreatEventStore } from './threat-event-store.js';

/** Every store port of a process, on one backend. */
export interface StoreSet {
  kind: Config['store']['kind'];
  store: Store;
  series: SeriesStore;
  /** The KRX listing (stock names and codes) the ETL loads from KIS's master files. */
  stockListing: StockListingStore;
  subscriptions: SubscriptionStore;
  accounts: AccountStore;
  events: ThreatEventStore;
  refreshTokens: RefreshTokenStore;
  /** The delivery ledger when no shared Redis holds it (the worker fleet uses the queue Redis's). */
  deliveries: DeliveryStore;
  /** The embedded database (STORE=sqlite), for backups and tests. */
  sqlite?: SqliteDatabase;
  /** The process's one MongoDB client (STORE=mongodb). */
  mongoClient?: MongoClient;
  /** One line saying where the data lives (shown once at start), or that nothing is kept past this process. */
  notice?: string;
  /** Creates indexes (MongoDB) and checks the connection; SQLite did both when it opened. */
  init(): Promise<void>;
  /** Closes the stores, then the database or client under them. */
  close(): Promise<void>;
}

/**
 * The one place that picks the backend (config STORE): SQLite (the default: one file, no server), MongoDB, or
 * memory. Opening SQLite checks the file at once (corrupt, locked, a newer schema, a full disk), and a failure
 * is thrown to the caller: a process never falls back to memory and silently loses what users write.
 */
export function openStores(config: Config): StoreSet {
  const c = config.store;
  if (c.kind === 'sqlite') {
    const sqlite = openSqliteDatabase(c.sqlitePath);
    const set = {
      store: createSqliteStore(sqlite),
      series: createSqliteSeriesStore(sqlite),
      stockListing: createSqliteStockListingStore(sqlite),
      subscriptions: createSqliteSubscriptionStore(sqlite),
      accounts: createSqliteAccountStore(sqlite),
      events: createSqliteThreatEventStore(sqlite),
      refreshTokens: createSqliteRefreshTokenStore(sqlite),
      deliveries: createSqliteDeliveryStore(sqlite),
    };
    return {
      kind: 'sqlite',
      ...set,
      sqlite,
      notice: `store: embedded SQLite database ${c.sqlitePath} (set RISKXPERT_HOME to move it, MONGODB_URL for MongoDB)`,
      init: () => set.deliveries.init(),
      async close() {
        sqlite.close();
      },
    };
  }
  if (c.kind === 'mongodb' && c.mongoUrl) {
    const mongoClient = createMongoClient(c.mongoUrl);
    const mongo = { url: c.mongoUrl, dbName: c.dbName, client: mongoClient };
    const set = {
      store: createMongoStore(mongo),
      series: createMongoSeriesStore(mongo),
      stockListing: createMongoStockListingStore(mongo),
      subscriptions: createMongoSubscriptionStore(mongo),
      accounts: createMongoAccountStore(mongo),
      events: createMongoThreatEventStore(mongo),
      refreshTokens: createMongoRefreshTokenStore(mongo),
      deliveries: createMongoDeliveryStore(mongo),
    };
    return {
      kind: 'mongodb',
      ...set,
      mongoClient,
      async init() {
        await Promise.all([
          set.store.init(),
          set.subscriptions.init(),
          set.accounts.init(),
          set.events.init(),
          set.refreshTokens.init(),
          set.deliveries.init(),
        ]);
      },
      async close() {
        await mongoClient.close().catch(() => undefined);
      },
    };
  }
  return {
    kind: 'memory',
    store: createMemoryStore({ maxConversations: c.memoryMaxConversations }),
    series: createMemorySeriesStore(),
    stockListing: createMemoryStockListingStore(),
    subscriptions: createMemorySubscriptionStore(),
    accounts: createMemoryAccountStore(),
    events: createMemoryThreatEventStore(),
    refreshTokens: createMemoryRefreshTokenStore(),
    deliveries: createMemoryDeliveryStore(),
    notice:
      'store: in-memory (STORE=memory): nothing is kept after this process; unset STORE for the embedded database',
    async init() {},
    async close() {},
  };
}
