import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startPrivateRedis, type PrivateRedis } from './private-redis.js';

/** The Redis of one test file, valid from its beforeAll on. */
export interface TestRedis {
  readonly url: string;
  readonly port: number;
  /** ioredis/BullMQ connection options (maxRetriesPerRequest null, as BullMQ workers need). */
  connection(): { host: string; port: number; maxRetriesPerRequest: null };
  /**
   * The same options as an object whose host and port are read when a client is made, so a file can keep one
   * module-level `connection` constant; clients must still be made in hooks or tests, not at collection.
   */
  readonly lazyConnection: { readonly host: string; readonly port: number; readonly maxRetriesPerRequest: null };
}

let available: boolean | undefined;
/** Whether a redis-server binary is on the PATH (checked once, synchronously, so it works at collection time). */
export function redisServerAvailable(): boolean {
  available ??= spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
  return available;
}

const ci = process.env.CI === 'true' || process.env.CI === '1';

/**
 * Gives the calling test file its own redis-server on a free port (started in beforeAll, killed in afterAll), so a
 * test never depends on, or disturbs, a Redis someone else runs. RISKXPERT_TEST_REDIS_URL names an existing one
 * instead. Without redis-server the file's tests are skipped with the reason locally, and fail under CI=true.
 */
export function useTestRedis(): TestRedis {
  const external = process.env.RISKXPERT_TEST_REDIS_URL;
  let server: PrivateRedis | undefined;
  let url: string | undefined;
  const missing =
    'redis-server is not installed (apt-get install redis-server), and RISKXPERT_TEST_REDIS_URL is not set';

  beforeAll(async () => {
    if (external) {
      url = external;
      return;
    }
    if (!redisServerAvailable()) {
      if (ci) throw new Error(`${missing}: CI must run the Redis tests`);
      return;
    }
    server = await startPrivateRedis();
    url = server.url;
  });
  beforeEach((ctx) => {
    if (!url) ctx.skip(missing);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const current = () => {
    if (!url) throw new Error('useTestRedis(): the Redis is available from beforeAll on');
    return new URL(url);
  };
  return {
    get url() {
      return current().href.replace(/\/$/u, '');
    },
    get port() {
      return Number(current().port || 6379);
    },
    connection() {
      const u = current();
      return { host: u.hostname, port: Number(u.port || 6379), maxRetriesPerRequest: null };
    },
    lazyConnection: {
      get host() {
        return current().hostname;
      },
      get port() {
        return Number(current().port || 6379);
      },
      maxRetriesPerRequest: null,
    },
  };
}
