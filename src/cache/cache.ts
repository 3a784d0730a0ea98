/**
 * Byte-level cache port. The engine encodes answers itself, so implementations stay dumb and swappable.
 * Implementations never throw on a miss; they throw RiskXpertError('CACHE_UNAVAILABLE') when the backend is down,
 * and the engine treats that as a miss.
 */
export interface Cache {
  readonly kind: 'redis' | 'memory';
  get(key: string): Promise<Uint8Array | undefined>;
  set(key: string, value: Uint8Array, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
