// The public surface of adapters/http: the HTTP policies that every adapter shares. Other adapters import from here
// only (a dependency-cruiser rule), so that an adapter never reaches into another one.
export {
  createIpRateLimiter,
  ipRateLimit,
  retryAfterSeconds,
  type IpRateLimiterOptions,
  type IpRateLimitDeps,
} from './ip-rate-limit.js';
