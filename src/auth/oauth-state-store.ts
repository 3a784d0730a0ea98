/**
 * One-use OAuth `state` values. Each maps to a hash of the browser binding (a random value in an httpOnly
 * cookie), so a state only works once and only in the browser that started the login.
 */
export interface OAuthStateStore {
  readonly kind: 'redis' | 'memory';
  put(state: string, bindingHash: string, ttlSeconds: number): Promise<void>;
  /** Returns the binding hash and deletes the state in one step; undefined when unknown, spent or expired. */
  take(state: string): Promise<string | undefined>;
}
