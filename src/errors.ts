/**
 * The one error type of RiskXpert. Codes are stable strings because errors cross process boundaries
 * (BullMQ job failures, SSE `error` events, platform replies) and adapters map them to user-facing text.
 */
export const ERROR_CODES = [
  'CONFIG_INVALID',
  'BAD_REQUEST',
  'QUESTION_TOO_LONG',
  'UNKNOWN_INDICATOR',
  'HORIZON_OUT_OF_RANGE',
  'SERIES_NOT_FOUND',
  'SERIES_TOO_SHORT',
  'SERIES_INVALID',
  'FORECAST_FAILED',
  'MODEL_UNAVAILABLE',
  'CHART_FAILED',
  'LLM_UNAVAILABLE',
  'LLM_TIMEOUT',
  'LLM_RATE_LIMITED',
  'LLM_BAD_OUTPUT',
  'CACHE_UNAVAILABLE',
  'STORE_UNAVAILABLE',
  'STORE_CORRUPT',
  'STORE_LOCKED',
  'STORE_FULL',
  'STORE_SCHEMA_NEWER',
  'PROVIDER_FAILED',
  'RATE_LIMITED',
  'DEADLINE_EXCEEDED',
  'ABORTED',
  'UNAUTHORIZED',
  'NOT_FOUND',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Codes where trying again later can succeed without the user changing anything. */
const RETRYABLE: ReadonlySet<ErrorCode> = new Set([
  'LLM_UNAVAILABLE',
  'LLM_TIMEOUT',
  'LLM_RATE_LIMITED',
  'CACHE_UNAVAILABLE',
  'STORE_UNAVAILABLE',
  'STORE_LOCKED',
  'STORE_FULL',
  'PROVIDER_FAILED',
  'RATE_LIMITED',
  'DEADLINE_EXCEEDED',
  'MODEL_UNAVAILABLE',
  'INTERNAL',
]);

export interface RiskXpertErrorOptions {
  cause?: unknown;
  /** Structured, non-secret context for logs (never user text at info level). */
  details?: Record<string, unknown>;
  retryable?: boolean;
}

export class RiskXpertError extends Error {
  override readonly name = 'RiskXpertError';
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: RiskXpertErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? RETRYABLE.has(code);
    this.details = options.details;
  }

  toJSON(): { code: ErrorCode; message: string; retryable: boolean } {
    return { code: this.code, message: this.message, retryable: this.retryable };
  }
}

export function isRiskXpertError(err: unknown): err is RiskXpertError {
  return err instanceof RiskXpertError;
}

/** Wraps anything thrown into a RiskXpertError, keeping the original as `cause`. */
export function toRiskXpertError(err: unknown, fallback: ErrorCode = 'INTERNAL'): RiskXpertError {
  if (err instanceof RiskXpertError) return err;
  if (err instanceof Error && err.name === 'AbortError') {
    return new RiskXpertError('ABORTED', 'The request was cancelled.', { cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new RiskXpertError(fallback, message, { cause: err });
}
