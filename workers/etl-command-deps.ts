import type { Redis } from 'ioredis';
import type { Config } from '../src/config.js';
import type { EtlPassResult } from '../src/data/etl-pass.js';
import { KIS_BASE_URLS, kisRequestsPerSecond } from '../src/data/providers/kis-provider.js';
import { createRedisKisTokenStore } from '../src/data/providers/kis-token-store.js';
import { createRedisPacer } from '../src/data/providers/redis-pacer.js';
import type { Runtime } from '../src/runtime.js';
import type { EtlSourceDeps } from './etl-sources.js';

export interface EtlCommandOptions {
  /**
   * Runs after every load that produced a new data version, in the worker and in `etl run`; `connection` is the
   * queue Redis when one is configured (enqueue follow-up jobs, e.g. the alerts evaluation, with it).
   */
  onLoaded?: (result: EtlPassResult, deps: { runtime: Runtime; connection: Redis | undefined }) => Promise<void> | void;
}

/**
 * KIS tokens and KIS's per-second budget live in the queue Redis, so every worker and every `etl run` shares one
 * token (KIS issues one a minute) and one request budget (per app key, not per process).
 */
export function sharedKis(connection: Redis | undefined, config: Config): EtlSourceDeps {
  if (!connection || !config.etl.kis) return {};
  const baseUrl = config.etl.baseUrls.kis ?? KIS_BASE_URLS[config.etl.kis.env];
  return {
    kisTokenStore: createRedisKisTokenStore({ redis: connection, prefix: config.cache.keyPrefix }),
    kisPacer: createRedisPacer({
      redis: connection,
      key: `${config.cache.keyPrefix}kis:pace:${config.etl.kis.env}`,
      perSecond: kisRequestsPerSecond(baseUrl),
    }),
  };
}
