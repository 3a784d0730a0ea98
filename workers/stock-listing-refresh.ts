import type { Logger } from '../src/logger.js';
import { createKrxListingLoader } from '../src/data/stocks/krx-listing-loader.js';
import { KRX_MARKETS } from '../src/data/stocks/listed-stock.js';
import type { FetchLike } from '../src/data/providers/http.js';
import type { StockListingStore } from '../src/store/stock-listing-store.js';

export interface ListingRefreshOptions {
  store: StockListingStore;
  logger: Logger;
  baseUrl?: string;
  fetch?: FetchLike;
  /** How often the worker looks at the listing's age (default hourly). */
  checkEveryMs?: number;
  /** A market older than this is reloaded (default 20 hours: KIS publishes the files once a day, before the open). */
  maxAgeMs?: number;
  now?: () => number;
}

/**
 * Keeps the KRX listing fresh inside `riskxpert worker`: at start and then hourly, any market loaded more than
 * `maxAgeMs` ago (or never) is reloaded from KIS's master files. Several workers may each reload once a day; a
 * replacement is one transaction, so they cannot leave a half-written listing.
 */
export function startListingRefresh(options: ListingRefreshOptions): {
  checkNow(): Promise<void>;
  close(): Promise<void>;
} {
  const now = options.now ?? Date.now;
  const maxAge = options.maxAgeMs ?? 20 * 3_600_000;
  const controller = new AbortController();
  const loader = createKrxListingLoader({
    store: options.store,
    now: () => new Date(now()),
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  let running: Promise<void> | undefined;

  async function check(): Promise<void> {
    const { loadedAt } = await options.store.read();
    const due = KRX_MARKETS.some((m) => !loadedAt[m] || now() - loadedAt[m].getTime() > maxAge);
    if (!due || controller.signal.aborted) return;
    const results = await loader.load({ signal: controller.signal });
    for (const r of results) {
      if (r.error)
        options.logger.warn({ market: r.market, err: r.error }, 'krx listing: load failed; the stored listing stays');
      else options.logger.info({ market: r.market, stocks: r.count }, 'krx listing loaded');
    }
  }

  function checkNow(): Promise<void> {
    running ??= check()
      .catch((err: unknown) => {
        if (!controller.signal.aborted)
          options.logger.warn({ err: (err as Error).message }, 'krx listing: check failed');
      })
      .finally(() => (running = undefined));
    return running;
  }

  void checkNow();
  const timer = setInterval(() => void checkNow(), options.checkEveryMs ?? 3_600_000);
  timer.unref();
  return {
    checkNow,
    async close() {
      clearInterval(timer);
      controller.abort();
      await running;
    },
  };
}
