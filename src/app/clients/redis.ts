import { Redis } from 'ioredis';
import type { Logger } from '../../logger.js';

export interface CacheRedisClientOptions {
  /** Per command (default 500 ms). The cache is an optimisation: waiting longer than a miss costs is pointless. */
  commandTimeoutMs?: number;
  /** TCP connect plus ready check (default 2 s). */
  connectTimeoutMs?: number;
  /**
   * Default false: the connection starts when the client is built (never at import), so the first answer can
   * already hit. With true, call `connect()` yourself: without an offline queue, commands sent before the
   * connection is ready fail (read as misses) rather than wait.
   */
  lazyConnect?: boolean;
  /** Connection state changes are logged here (once per change, not once per retry). */
  logger?: Pick<Logger, 'warn' | 'info'>;
}

/** Reconnect delay: quick at first, then every 5 s at most, forever: the cache comes back by itself when Redis does. */
export function cacheReconnectDelayMs(attempt: number): number {
  return Math.min(50 * 2 ** Math.min(attempt, 10), 5_000);
}

/**
 * An ioredis client for a cache that must never slow an answer down (the queue Redis wants the opposite:
 * BullMQ's `maxRetriesPerRequest: null`, so never share this client with workers):
 * - `enableOfflineQueue: false`: a command while disconnected fails at once (a miss) instead of queueing;
 * - `maxRetriesPerRequest: 1`: a command cut by a dropped connection is not replayed for long;
 * - `commandTimeout`: a Redis that accepts but does not answer (paused, swapping) costs one timeout;
 * - `socketTimeout`: ... and then the dead socket is dropped and rebuilt instead of timing out forever;
 * - a reconnect strategy that never gives up (null would stop reconnecting for good).
 * An `error` listener is always attached: without one ioredis prints every failed reconnect to the console.
 */
export function createCacheRedisClient(url: string, options: CacheRedisClientOptions = {}): Redis {
  const commandTimeout = options.commandTimeoutMs ?? 500;
  const client = new Redis(url, {
    lazyConnect: options.lazyConnect ?? false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout,
    socketTimeout: Math.max(2_000, commandTimeout * 4),
    connectTimeout: options.connectTimeoutMs ?? 2_000,
    retryStrategy: cacheReconnectDelayMs,
    connectionName: 'riskxpert-cache',
  });

  let down = false;
  client.on('error', (err: Error) => {
    if (down) return;
    down = true;
    // The message only (e.g. ECONNREFUSED host:port): the URL with its password is never logged.
    options.logger?.warn(
      { err: { message: err.message } },
      'cache Redis unavailable; answering without cache until it is back',
    );
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    options.logger?.info('cache Redis is back');
  });
  return client;
}

/**
 * A client of the queue Redis (noeviction). `producer`: a process that only enqueues (serve asking for a refresh)
 * must fail fast when that Redis is down: no offline queue, one retry. `worker`: BullMQ workers block on Redis and
 * need `maxRetriesPerRequest: null` (BullMQ's production rule). `one-shot`: a CLI command, connected on first use.
 */
export function createQueueRedisClient(url: string, role: 'producer' | 'worker' | 'one-shot'): Redis {
  if (role === 'worker') return new Redis(url, { maxRetriesPerRequest: null, connectionName: 'riskxpert-worker' });
  if (role === 'one-shot')
    return new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true, connectionName: 'riskxpert-cli' });
  const client = new Redis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectionName: 'riskxpert-producer',
  });
  client.on('error', () => undefined);
  return client;
}
