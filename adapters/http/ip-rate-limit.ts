import type { RequestHandler, Response } from 'express';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Logger } from '../../src/logger.js';

export interface IpRateLimiterOptions {
  pointsPerMinute: number;
  /** Shared across processes when given (the cache Redis); per process otherwise. */
  redis?: Redis | undefined;
  keyPrefix: string;
}

/**
 * A per-IP (or per-user: the Kakao skill route keys it by user id) limiter. On Redis, so that N servers behind a balancer allow N x nothing more; a Redis that is down
 * or slow hands the decision to a per-process memory limiter (insurance) rather than failing open or closed.
 */
export function createIpRateLimiter(options: IpRateLimiterOptions): RateLimiterAbstract {
  const memory = new RateLimiterMemory({ points: options.pointsPerMinute, duration: 60, keyPrefix: options.keyPrefix });
  if (!options.redis) return memory;
  return new RateLimiterRedis({
    storeClient: options.redis,
    points: options.pointsPerMinute,
    duration: 60,
    keyPrefix: options.keyPrefix,
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
  });
}

/**
 * Takes one point for `key`: undefined when allowed, the whole seconds to wait (at least 1) when refused. A limiter
 * that cannot decide at all (neither Redis nor its insurance) rejects with its error; callers choose to allow or fail.
 */
export async function retryAfterSeconds(limiter: RateLimiterAbstract, key: string): Promise<number | undefined> {
  try {
    await limiter.consume(key);
    return undefined;
  } catch (rej) {
    if (rej instanceof RateLimiterRes) return Math.max(1, Math.ceil(rej.msBeforeNext / 1000));
    throw rej;
  }
}

export interface IpRateLimitDeps {
  limiter: RateLimiterAbstract;
  logger: Pick<Logger, 'warn'>;
  onLimited?: (route: string) => void;
  /**
   * Routes whose platform shows nothing for a non-200 reply (Kakao): the JSON body of a 200 that says why instead.
   * Given by the serve process, so that this shared policy does not depend on any one adapter.
   */
  inBandRefusals?: Partial<Record<string, (retryAfterS: number) => string>>;
}

/** The first path segment, a bounded label for metrics and logs (never the raw path). */
function routeOf(path: string): string {
  const first = /^\/([a-z]+)/u.exec(path)?.[1];
  return first && ['kakao', 'telegram', 'discord', 'api', 'auth', 'charts'].includes(first) ? first : 'other';
}

function refuse(res: Response, route: string, retryAfterS: number, inBand: IpRateLimitDeps['inBandRefusals']): void {
  res.setHeader('retry-after', String(retryAfterS));
  const inBandBody = inBand?.[route];
  if (inBandBody) {
    const body = inBandBody(retryAfterS);
    res.statusCode = 200;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(body);
    return;
  }
  res
    .status(429)
    .json({ error: { code: 'RATE_LIMITED', message: `Too many requests; try again in ${retryAfterS} s.` } });
}

/**
 * Per-IP limit in front of every platform route and chart download. The IP is `req.ip`, so behind a proxy it
 * is only as true as the `trust proxy` setting (HTTP_TRUST_PROXY): trust exactly the hops you run.
 */
export function ipRateLimit(deps: IpRateLimitDeps): RequestHandler {
  return (req, res, next) => {
    const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    retryAfterSeconds(deps.limiter, ip).then(
      (waitS) => {
        if (waitS === undefined) return next();
        const route = routeOf(req.path);
        deps.onLimited?.(route);
        refuse(res, route, waitS, deps.inBandRefusals);
      },
      (err: unknown) => {
        // Neither Redis nor the insurance limiter could decide: let the request through, loudly.
        deps.logger.warn({ err: { message: (err as Error)?.message } }, 'rate limiter failed; request allowed');
        next();
      },
    );
  };
}
