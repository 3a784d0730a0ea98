import type { Command } from 'commander';
import type { StockListingStore } from '../src/store/stock-listing-store.js';
import type { CliContext } from '../src/cli.js';
import { createKrxListingLoader } from '../src/data/stocks/krx-listing-loader.js';
import { RiskXpertError } from '../src/errors.js';

/**
 * `riskxpert etl listing`: loads the KRX listing (names and codes of listed stocks) from KIS's master files into
 * the store, where questions such as "삼성SDI 6개월 전망" are read against it. No KIS key is needed; run it daily.
 */
export function registerListingCommand(etl: Command, ctx: CliContext): void {
  etl
    .command('listing')
    .description('Load the KRX stock listing (KOSPI and KOSDAQ names and codes) from KIS master files')
    .action(async () => {
      const rt = await ctx.runtime();
      try {
        const loader = createKrxListingLoader({
          store: rt.stores.stockListing,
          ...(rt.config.etl.baseUrls.kisMaster ? { baseUrl: rt.config.etl.baseUrls.kisMaster } : {}),
        });
        const results = await loader.load();
        for (const r of results)
          ctx.io.out(r.error ? `✗ ${r.market.padEnd(7)} ${r.error}\n` : `✓ ${r.market.padEnd(7)} ${r.count} stocks\n`);
        if (results.every((r) => r.error))
          throw new RiskXpertError(
            'PROVIDER_FAILED',
            'No market of the KRX listing could be loaded; the stored listing is unchanged.',
          );
        if (results.some((r) => r.error)) ctx.exitCode = 1;
        if (rt.config.store.kind === 'memory')
          ctx.io.err(
            'riskxpert: STORE=memory keeps nothing after this command; unset STORE to keep the listing in the embedded database\n',
          );
      } finally {
        await rt.close();
      }
    });
}

/** One line for `riskxpert status` once a listing was loaded: how many stocks, loaded when (nothing before). */
export async function listingStatusLine(store: Pick<StockListingStore, 'read'>): Promise<string | undefined> {
  const { stocks, loadedAt } = await store.read();
  if (stocks.length === 0) return undefined;
  const when = Object.entries(loadedAt)
    .map(([market, at]) => `${market} ${at.toISOString()}`)
    .join(', ');
  return `KRX listing: ${stocks.length} stocks (loaded ${when}); \`riskxpert etl listing\` reloads it.`;
}
