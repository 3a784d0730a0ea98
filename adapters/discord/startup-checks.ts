import { DiscordAPIError, REST, Routes } from 'discord.js';
import { RiskXpertError } from '../../src/errors.js';
import { startupBudgetMs } from '../../src/startup-deadline.js';

/** Rejects after `ms` with `onTimeout()`'s error; the loser keeps running, so callers clean it up themselves. */
async function within<T>(work: Promise<T>, ms: number, onTimeout: () => RiskXpertError): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * GET /users/@me with the bot token, bounded and without retries: a wrong token or an unreachable Discord ends the
 * start with a message naming the cause, before the gateway client (which retries for a minute) is involved.
 */
export async function checkDiscordToken(
  token: string,
  options: { apiBase: string; timeoutMs?: number },
): Promise<{ id: string; username: string }> {
  const timeoutMs = options.timeoutMs ?? startupBudgetMs();
  const rest = new REST({ api: options.apiBase, timeout: timeoutMs, retries: 0 }).setToken(token);
  const timedOut = () =>
    new RiskXpertError(
      'PROVIDER_FAILED',
      `Discord did not answer within ${(timeoutMs / 1000).toFixed(1)} s at ${options.apiBase}: check the network, a proxy, or DISCORD_API_BASE.`,
    );
  try {
    return (await within(rest.get(Routes.user()), timeoutMs + 500, timedOut)) as { id: string; username: string };
  } catch (err) {
    if (err instanceof RiskXpertError) throw err;
    if (err instanceof DiscordAPIError && err.status === 401) {
      throw new RiskXpertError(
        'CONFIG_INVALID',
        'Discord rejected DISCORD_TOKEN (401 Unauthorized): copy the bot token again from the Developer Portal (Bot → Reset Token).',
        { cause: err },
      );
    }
    if ((err as Error).name === 'AbortError') throw timedOut();
    const code = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
    throw new RiskXpertError(
      'PROVIDER_FAILED',
      `Cannot reach Discord at ${options.apiBase} (${code}): check the network, a proxy, or DISCORD_API_BASE.`,
      { cause: err },
    );
  }
}

/** The gateway's login, bounded: `destroy` runs when it has not become ready in time. */
export async function loginWithin(
  login: () => Promise<unknown>,
  destroy: () => Promise<void>,
  timeoutMs = 20_000,
): Promise<void> {
  try {
    await within(
      login(),
      timeoutMs,
      () =>
        new RiskXpertError(
          'PROVIDER_FAILED',
          `Discord's gateway did not accept the login within ${(timeoutMs / 1000).toFixed(1)} s: check the network or Discord's status page.`,
        ),
    );
  } catch (err) {
    await destroy().catch(() => undefined);
    if (err instanceof RiskXpertError) throw err;
    throw new RiskXpertError('PROVIDER_FAILED', `Discord's gateway refused the login: ${(err as Error).message}`, {
      cause: err,
    });
  }
}
