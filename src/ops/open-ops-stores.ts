import type { StoreSet } from '../store/open-stores.js';
import type { AuditLogStore } from './audit-log-store.js';
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
