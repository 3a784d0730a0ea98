import { parseQuietHours } from '../alerts/quiet-hours.js';
import type { ChartRenderer } from '../chart/chart-renderer.js';
import type { Config } from '../config.js';
import type { SeriesRepository } from '../data/series.js';
import { stockCodeOf } from '../data/stock-instruments.js';
import { createStockPrices } from '../data/stock-prices.js';
import type { SeriesStore } from '../store/series-store.js';
import type { AccountStore } from '../store/account-store.js';
import type { SubscriptionStore } from '../store/subscription-store.js';
import { openStores } from '../store/open-stores.js';
import { createBotCommands, type BotCommands } from './bot-commands.js';
import { createPaperTrading, type PaperTrading } from './paper-trading.js';
import { t } from '../messages/t.js';

export interface SimServices {
  subscriptions: SubscriptionStore;
  accounts: AccountStore;
  trading: PaperTrading;
  commands: BotCommands;
  init(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Paper trading and alert subscriptions as the chat adapters use them, on the process's stores (the embedded
 * database or MongoDB, shared with `riskxpert worker`, which evaluates the subscriptions).
 */
export function createSimServices(
  config: Config,
  deps: {
    series: SeriesRepository;
    chart?: ChartRenderer;
    /** Where the ETL loads stocks (`stock:<code>`); without it stocks are priced from the CSV folder only. */
    seriesStore?: SeriesStore;
    /** Enqueues an on-demand ETL load (requestRefresh on the queue Redis); absent without one. */
    requestLoad?: (instrumentId: string) => Promise<void>;
    /** The process's stores (its runtime's); without them the services open their own from the config, and close them. */
    stores?: { subscriptions: SubscriptionStore; accounts: AccountStore };
  },
): SimServices {
  const owned = deps.stores ? undefined : openStores(config);
  const { subscriptions, accounts } = deps.stores ?? owned!;
  const stocks = createStockPrices({
    ...(deps.seriesStore ? { store: deps.seriesStore } : {}),
    ...(config.data.dir ? { csvDir: config.data.dir } : {}),
    kisConfigured: config.etl.kis !== undefined && config.etl.providers.includes('kis'),
    ...(deps.requestLoad ? { requestLoad: deps.requestLoad } : {}),
  });
  const trading = createPaperTrading({
    accounts,
    history: async (symbol) => (stockCodeOf(symbol) ? stocks.history(symbol) : (await deps.series.get(symbol)).points),
    startingCashWon: BigInt(config.sim.startingCashWon),
    feeBps: config.sim.feeBps,
  });
  const quiet = parseQuietHours(config.alerts.defaultQuietHours);
  const chart = deps.chart;
  const commands = createBotCommands({
    trading,
    subscriptions,
    ...(quiet ? { defaultQuietHours: quiet } : {}),
    ...(chart
      ? {
          renderEquityChart: (curve, locale) =>
            chart.render({
              locale,
              title: t(locale, 'sim.chart.title'),
              unit: t(locale, 'sim.chart.unit'),
              history: curve,
              forecast: [],
              width: 640,
              height: 360,
            }),
        }
      : {}),
  });
  return {
    subscriptions,
    accounts,
    trading,
    commands,
    async init() {
      await Promise.all([subscriptions.init(), accounts.init()]);
    },
    async close() {
      await Promise.all([subscriptions.close(), accounts.close()]);
      await owned?.close();
    },
  };
}
