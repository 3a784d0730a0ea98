import { MongoClient, type Db } from 'mongodb';
import { RiskXpertError } from '../errors.js';

export interface MongoClientOptions {
  serverSelectionTimeoutMs?: number;
  connectTimeoutMs?: number;
  socketTimeoutMs?: number;
  maxPoolSize?: number;
}

/**
 * The one way RiskXpert opens MongoDB. A process should hold one client (one pool, one set of monitoring
 * connections) and hand it to every store; the timeouts are short because no platform waits longer than seconds.
 */
export function createMongoClient(url: string, options: MongoClientOptions = {}): MongoClient {
  return new MongoClient(url, {
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 2_500,
    connectTimeoutMS: options.connectTimeoutMs ?? 2_500,
    socketTimeoutMS: options.socketTimeoutMs ?? 10_000,
    maxPoolSize: options.maxPoolSize ?? 20,
    retryWrites: true,
    retryReads: true,
    // An optional field left undefined is omitted, not stored as null (which would come back as null).
    ignoreUndefined: true,
    appName: 'riskxpert',
  });
}

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
