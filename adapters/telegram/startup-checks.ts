import { Api, GrammyError, HttpError } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import pRetry from 'p-retry';
import { RiskXpertError } from '../../src/errors.js';
import { startupBudgetMs } from '../../src/startup-deadline.js';
import type { Logger } from '../../src/logger.js';

/**
 * getMe at start, bounded: a wrong token or an unreachable Telegram ends the process with a message naming the
 * cause, instead of a bot that sits silent (grammY's own client waits 30 s per call, then polls on).
 */
export async function checkTelegramToken(
  token: string,
  options: { apiRoot: string; timeoutMs?: number },
): Promise<UserFromGetMe> {
  const timeoutMs = options.timeoutMs ?? startupBudgetMs();
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const me = await new Api(token, { apiRoot: options.apiRoot }).getMe(signal as Parameters<Api['getMe']>[0]);
    return { ...me, is_bot: true } as UserFromGetMe;
  } catch (err) {
    throw describeStartupFailure(err, { apiRoot: options.apiRoot, timeoutMs, timedOut: signal.aborted });
  }
}

export function describeStartupFailure(
  err: unknown,
  at: { apiRoot: string; timeoutMs: number; timedOut: boolean },
): RiskXpertError {
  if (err instanceof GrammyError && (err.error_code === 401 || err.error_code === 404)) {
    // Telegram answers 401 to an unknown token and 404 to one that is not even shaped like a token.
    return new RiskXpertError(
      'CONFIG_INVALID',
      `Telegram rejected TELEGRAM_BOT_TOKEN (${err.error_code} ${err.description}): copy the token again from @BotFather.`,
      { cause: err },
    );
  }
  if (at.timedOut) {
    return new RiskXpertError(
      'PROVIDER_FAILED',
      `Telegram did not answer getMe within ${(at.timeoutMs / 1000).toFixed(1)} s at ${at.apiRoot}: check the network, a proxy, or TELEGRAM_API_ROOT.`,
      { cause: err },
    );
  }
  if (err instanceof HttpError) {
    const cause =
      (err.error as { cause?: { code?: string } } | undefined)?.cause?.code ??
      (err.error as Error | undefined)?.message ??
      err.message;
    return new RiskXpertError(
      'PROVIDER_FAILED',
      `Cannot reach Telegram at ${at.apiRoot} (${cause}): check the network, a proxy, or TELEGRAM_API_ROOT.`,
      { cause: err },
    );
  }
  const message = err instanceof Error ? err.message : String(err);
  return new RiskXpertError('PROVIDER_FAILED', `Telegram refused the start-up check: ${message}`, { cause: err });
}

/**
 * The command menu is a convenience: a 429 or a 5xx while Telegram restarts must not keep the bot down. Tries in
 * the background with exponential backoff, logs each failure, and resolves false when it gives up.
 */
export async function registerMenuWithRetry(
  register: (api: Api) => Promise<void>,
  api: Api,
  logger: Logger,
  options: { retries?: number; minTimeoutMs?: number; maxTimeoutMs?: number; signal?: AbortSignal } = {},
): Promise<boolean> {
  try {
    await pRetry(() => register(api), {
      ...(options.signal ? { signal: options.signal } : {}),
      retries: options.retries ?? 6,
      minTimeout: options.minTimeoutMs ?? 2_000,
      maxTimeout: options.maxTimeoutMs ?? 60_000,
      onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
        logger.warn(
          { err: error, attempt: attemptNumber, retriesLeft },
          'telegram: setMyCommands failed; the bot answers anyway, retrying the menu',
        );
      },
    });
    return true;
  } catch (err) {
    if (options.signal?.aborted) return false;
    logger.error({ err }, 'telegram: gave up registering the command menu; the bot answers without it');
    return false;
  }
}
