import type { Redis } from 'ioredis';
import type { OAuthStateStore } from '../auth/oauth-state-store.js';
import { createMemoryOAuthStateStore } from '../auth/memory-oauth-state-store.js';
import { createRedisOAuthStateStore } from '../auth/redis-oauth-state-store.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { StoreSet } from '../store/open-stores.js';
import type { RefreshTokenStore } from '../store/refresh-token-store.js';
import type { RetryingConversationWriter } from '../store/retrying-writer.js';
import type { Store } from '../store/store.js';
import { buildConversationWriter } from './build-conversation-writer.js';
import { createCacheRedisClient } from './clients/redis.js';

/**
 * The conversation store with its retrying writer, and the web sessions' stores (refresh tokens, OAuth states).
 * `closeLater` takes their closes in the order the runtime runs them in reverse.
 */
export async function buildPersistence(
  config: Config,
  deps: {
    stores: StoreSet;
    cacheRedis?: Redis | undefined;
    logger: Logger;
    closeLater: (close: () => Promise<void> | void) => void;
  },
): Promise<{
  store: Store;
  refreshTokens: RefreshTokenStore;
  oauthStates: OAuthStateStore;
  writer: RetryingConversationWriter;
}> {
  const { stores, cacheRedis, logger, closeLater } = deps;
  const store: Store = stores.store;
  // Indexes are created at start, but a Mongo that is down must not stop answers: the writer retries.
  if (config.store.mongoUrl)
    await store
      .init()
      .catch((err: unknown) => logger.error({ err }, 'MongoDB init failed; conversation writes will retry'));
  const refreshTokens: RefreshTokenStore = stores.refreshTokens;
  if (config.store.mongoUrl)
    await refreshTokens
      .init()
      .catch((err: unknown) =>
        logger.error({ err }, 'MongoDB refresh-token indexes failed; web logins will fail until it is up'),
      );
  closeLater(() => refreshTokens.close());
  const oauthStates: OAuthStateStore = cacheRedis
    ? createRedisOAuthStateStore({ redis: cacheRedis, keyPrefix: `${config.cache.keyPrefix}oauth-state:` })
    : createMemoryOAuthStateStore();

  const bufferRedis =
    config.store.mongoUrl && config.queue.redisUrl
      ? createCacheRedisClient(config.queue.redisUrl, { commandTimeoutMs: 1_000 })
      : undefined;
  const conversations = buildConversationWriter(config, { store, bufferRedis, logger });
  const { writer } = conversations;
  closeLater(async () => {
    await conversations.close();
    bufferRedis?.disconnect();
    await store.close();
  });
  return { store, refreshTokens, oauthStates, writer };
}
