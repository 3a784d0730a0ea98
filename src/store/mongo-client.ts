import type { Db, MongoClient } from 'mongodb';
import { createMongoClient, type MongoClientOptions } from '../app/clients/mongo.js';
import { RiskXpertError } from '../errors.js';

export { createMongoClient, type MongoClientOptions } from '../app/clients/mongo.js';

/** What every Mongo store factory accepts: a shared client (the caller closes it), or a URL to open its own. */
export interface MongoStoreConnection extends MongoClientOptions {
  url: string;
  dbName: string;
  /** Shared with other stores; the caller owns it, so the store's close() leaves it open. */
  client?: MongoClient;
}

/** The client a store uses, and the close() that closes it only when the store opened it itself. */
export function storeClient(options: MongoStoreConnection): { client: MongoClient; close(): Promise<void> } {
  if (options.client) return { client: options.client, close: async () => undefined };
  const client = createMongoClient(options.url, options);
  return { client, close: () => client.close().catch(() => undefined) };
}

/**
 * Runs one driver call and turns any driver failure into STORE_UNAVAILABLE. The driver's message names the host
 * and the failure (ECONNREFUSED, server selection timed out), never the credentials of the URL.
 */
export async function guardMongo<T>(what: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    if (err instanceof RiskXpertError) throw err;
    throw new RiskXpertError('STORE_UNAVAILABLE', `MongoDB ${what} failed: ${(err as Error).message}`, { cause: err });
  }
}

/** Readiness: true when the server answers a ping, false (never a throw) when it does not. */
export async function pingMongo(db: Db): Promise<boolean> {
  try {
    await db.command({ ping: 1 });
    return true;
  } catch {
    return false;
  }
}
