import type { StockListingStore } from '../../store/stock-listing-store.js';
import { createStockDirectory, type StockDirectory } from './stock-directory.js';

/**
 * The directory questions are read against, rebuilt from the stored listing at most once per `ttlMs` (the listing
 * changes once a day). A store that cannot be read leaves the last good directory, or the built-in names, in use:
 * a question about 삼성전자 must not fail because the listing is unreachable.
 */
export function createStockDirectorySource(
  store: Pick<StockListingStore, 'read'> | undefined,
  options: { ttlMs?: number; now?: () => number } = {},
) {
  const ttl = options.ttlMs ?? 10 * 60_000;
  const now = options.now ?? Date.now;
  let current: StockDirectory | undefined;
  let builtAt = Number.NEGATIVE_INFINITY;
  let pending: Promise<StockDirectory> | undefined;

  async function rebuild(): Promise<StockDirectory> {
    try {
      const listing = store ? await store.read() : { stocks: [] };
      current = createStockDirectory(listing.stocks);
    } catch {
      current ??= createStockDirectory([]);
    }
    builtAt = now();
    return current;
  }

  return {
    async directory(): Promise<StockDirectory> {
      if (current && now() - builtAt < ttl) return current;
      pending ??= rebuild().finally(() => (pending = undefined));
      return pending;
    },
  };
}

export type StockDirectorySource = ReturnType<typeof createStockDirectorySource>;
