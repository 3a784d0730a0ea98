import { MongoClient } from 'mongodb';

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
