import { dirname, join } from 'node:path';
import type { Config } from '../config.js';
import type { Point, SeriesRepository } from '../data/series.js';
import { stockCodeOf } from '../data/stock-instruments.js';
import { createStockPrices } from '../data/stock-prices.js';
import type { SeriesStore } from '../store/series-store.js';
import type { Portfolio } from '../sim/paper-trading.js';
import { createMemoryRiskProfileStore } from '../store/memory-risk-profile-store.js';
import { createMongoRiskProfileStore } from '../store/mongo-risk-profile-store.js';
import { openSqliteDatabase } from '../store/sqlite-database.js';
import { createSqliteRiskProfileStore } from '../store/sqlite-risk-profile-store.js';
import { createMongoPendingRecommendationStore } from '../store/mongo-pending-recommendation-store.js';
import { createSqlitePendingRecommendationStore } from '../store/sqlite-pending-recommendation-store.js';
import {
  createMemoryPendingRecommendationStore,
  type PendingRecommendationStore,
} from './pending-recommendation-store.js';
import { createRiskCommands, type RiskCommands } from './risk-commands.js';
import type { RiskRewrite } from './risk-explainer.js';
import type { RiskTrader } from './apply-recommendation.js';
import type { RiskProfileStore } from './risk-profile.js';
import { createS3Client } from '../app/clients/s3.js';
import { createFolderReportBlobs, createReportStore, type RiskReportStore } from './risk-report.js';
import { createS3ReportBlobs } from './s3-report-blobs.js';

/** The profile store the configured backend calls for (the same choice openStores makes for the others). */
export function openRiskProfileStore(config: Config): RiskProfileStore {
  const c = config.store;
  if (c.kind === 'sqlite')
    return createSqliteRiskProfileStore(openSqliteDatabase(c.sqlitePath), { ownsDatabase: true });
  if (c.kind === 'mongodb' && c.mongoUrl) return createMongoRiskProfileStore({ url: c.mongoUrl, dbName: c.dbName });
  return createMemoryRiskProfileStore();
}

/** Recommendations waiting for /apply, on the configured backend, so any replica (or a restarted one) applies them. */
export function openPendingRecommendationStore(config: Config): PendingRecommendationStore {
  const c = config.store;
  if (c.kind === 'sqlite')
    return createSqlitePendingRecommendationStore(openSqliteDatabase(c.sqlitePath), { ownsDatabase: true });
  if (c.kind === 'mongodb' && c.mongoUrl)
    return createMongoPendingRecommendationStore({ url: c.mongoUrl, dbName: c.dbName });
  return createMemoryPendingRecommendationStore();
}

/** Reports live beside the database, under RISKXPERT_HOME: RISKXPERT_HOME/reports. */
export const reportsDir = (config: Config): string => join(dirname(config.store.sqlitePath), 'reports');

/** S3-compatible storage when REPORTS_S3_BUCKET is set, else the local folder. */
export function openRiskReportStore(config: Config): { reports: RiskReportStore; close(): void } {
  const s3 = config.reports.s3;
  if (!s3) return { reports: createReportStore(createFolderReportBlobs(reportsDir(config))), close: () => {} };
  const client = createS3Client(s3);
  return {
    reports: createReportStore(createS3ReportBlobs({ client, bucket: s3.bucket })),
    close: () => client.destroy(),
  };
}

export interface RiskServices {
  commands: RiskCommands;
  reports: RiskReportStore;
  /** The profile store /profile writes (the operator console erases a user's from it). */
  profiles: RiskProfileStore;
  close(): Promise<void>;
}

/** Prices for risk: catalog indicators from the series repository, KRX stocks as paper trading prices them. */
export function riskHistory(
  config: Config,
  deps: { series: SeriesRepository; seriesStore?: SeriesStore },
): (id: string) => Promise<readonly Point[]> {
  const stocks = createStockPrices({
    ...(deps.seriesStore ? { store: deps.seriesStore } : {}),
    ...(config.data.dir ? { csvDir: config.data.dir } : {}),
    kisConfigured: false,
  });
  return async (id) => (stockCodeOf(id) ? stocks.history(id) : (await deps.series.get(id)).points);
}

/** Everything /risk, /plan and /profile need, from the config and the process's price and account ports. */
export function createRiskServices(
  config: Config,
  deps: {
    history(id: string): Promise<readonly Point[]>;
    portfolio?(userId: string): Promise<Portfolio>;
    rewrite?: RiskRewrite;
    trader?: RiskTrader;
  },
): RiskServices {
  const profiles = openRiskProfileStore(config);
  const pending = openPendingRecommendationStore(config);
  const { reports, close: closeReports } = openRiskReportStore(config);
  const base = config.server.publicBaseUrl;
  const commands = createRiskCommands({
    profiles,
    history: deps.history,
    reports,
    pending,
    ...(deps.portfolio ? { portfolio: deps.portfolio } : {}),
    ...(deps.rewrite ? { rewrite: deps.rewrite } : {}),
    ...(deps.trader ? { trader: deps.trader } : {}),
    ...(base ? { reportUrl: (id: string) => `${base}/risk/reports/${id}` } : {}),
  });
  return {
    commands,
    reports,
    profiles,
    close: async () => {
      closeReports();
      await pending.close();
      await profiles.close();
    },
  };
}
