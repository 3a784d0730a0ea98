import type { Logger } from '../logger.js';
import type { StoreSet } from '../store/open-stores.js';
import type { AuditLogStore } from './audit-log-store.js';
import { createMemoryLlmUsageStore, type LlmUsageStore } from './llm-usage-store.js';
import { createMongoLlmUsageStore } from './mongo-llm-usage-store.js';
import { createSqliteLlmUsageStore } from './sqlite-llm-usage-store.js';
import { createMemoryAuditLogStore } from './memory-audit-log-store.js';
import { createMemoryOperatorStore } from './memory-operator-store.js';
import { createMongoAuditLogStore } from './mongo-audit-log-store.js';
import { createMongoOperatorStore } from './mongo-operator-store.js';
import { withEncryptedMfaSecrets } from './mfa-secret-cipher.js';
import type { OperatorStore } from './operator-store.js';
import { createSqliteAuditLogStore } from './sqlite-audit-log-store.js';
import { createSqliteOperatorStore } from './sqlite-operator-store.js';

/** The console's stores on the process's backend: the same SQLite file or MongoDB client as every other store. */
export function openOpsStores(
  stores: StoreSet,
  mongo: { url: string | undefined; dbName: string },
  mfaKey?: Buffer,
): { operators: OperatorStore; audit: AuditLogStore } {
  const s = openPlain(stores, mongo);
  return mfaKey ? { ...s, operators: withEncryptedMfaSecrets(s.operators, mfaKey) } : s;
}

function openPlain(
  stores: StoreSet,
  mongo: { url: string | undefined; dbName: string },
): { operators: OperatorStore; audit: AuditLogStore } {
  if (stores.sqlite)
    return { operators: createSqliteOperatorStore(stores.sqlite), audit: createSqliteAuditLogStore(stores.sqlite) };
  if (stores.mongoClient && mongo.url) {
    const conn = { url: mongo.url, dbName: mongo.dbName, client: stores.mongoClient };
    return { operators: createMongoOperatorStore(conn), audit: createMongoAuditLogStore(conn) };
  }
  return { operators: createMemoryOperatorStore(), audit: createMemoryAuditLogStore() };
}

/**
 * The shared LLM-use table on the process's backend (the runtime's recorder writes it, the console reads it).
 * MongoDB's index is made in the background: until it is, reads scan the (small) collection.
 */
export function openLlmUsageStore(
  stores: StoreSet,
  mongo: { url: string | undefined; dbName: string },
  logger?: Logger,
): LlmUsageStore {
  if (stores.sqlite) return createSqliteLlmUsageStore(stores.sqlite);
  if (stores.mongoClient && mongo.url) {
    const s = createMongoLlmUsageStore({ url: mongo.url, dbName: mongo.dbName, client: stores.mongoClient });
    void s.init().catch((err: unknown) => logger?.warn({ err: String(err) }, 'LLM use index not created'));
    return s;
  }
  return createMemoryLlmUsageStore();
}
