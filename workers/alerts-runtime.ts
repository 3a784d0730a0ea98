import { REST } from 'discord.js';
import type { ConnectionOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { createDiscordAlertDelivery } from '../adapters/discord/alert-sender.js';
import { createKakaoAlertDelivery } from '../adapters/kakao/alert-sender.js';
import { createKakaoEventApiClient } from '../adapters/kakao/event-api-client.js';
import { createTelegramAlertApi, createTelegramAlertDelivery } from '../adapters/telegram/alert-sender.js';
import { forecastLowPath } from '../src/alerts/forecast-low.js';
import { createLlmAlertRewrite } from '../src/alerts/llm-alert-rewrite.js';
import { instrumentOpenAi } from '../src/ops/llm-usage.js';
import type { ChartRenderer } from '../src/chart/chart-renderer.js';
import type { ChartStore } from '../src/chart/chart-store.js';
import type { Config } from '../src/config.js';
import type { EtlPassResult } from '../src/data/etl-pass.js';
import type { Point } from '../src/data/series.js';
import type { Logger } from '../src/logger.js';
import type { Runtime } from '../src/runtime.js';
import type { AccountStore } from '../src/store/account-store.js';
import type { DeliveryStore } from '../src/store/delivery-store.js';
import { openStores, type StoreSet } from '../src/store/open-stores.js';
import { createRedisDeliveryStore } from '../src/store/redis-delivery-store.js';
import type { SubscriptionStore } from '../src/store/subscription-store.js';
import type { ThreatEventStore } from '../src/store/threat-event-store.js';
import { createAlertsQueue, createAlertsWorker, enqueueAlerts, ALERTS_QUEUE, type AlertsDeps } from './alerts-queue.js';
import type { PortfolioImpact } from './alert-portfolio-impact.js';
import { closeNotifyQueues, createNotifyQueues, NOTIFY_QUEUES, type NotifyQueues } from './notify-queue.js';
import { createNotifyWorkers, type NotifyOutcome } from './notify-worker.js';
import type { AlertPlatform } from '../src/store/subscription-store.js';

export interface AlertStores {
  subscriptions: SubscriptionStore;
  accounts: AccountStore;
  events: ThreatEventStore;
  deliveries: DeliveryStore;
}

/**
 * The alert workers' stores on the configured backend (the embedded database or MongoDB, shared with `serve`, whose
 * chat commands write the subscriptions); the delivery ledger always on the queue Redis, shared by the worker fleet.
 * `shared`: a runtime's stores; without them the stores are opened here from the config and closed with the set.
 */
export async function createAlertStores(
  config: Config,
  redis: Redis,
  keyPrefix = `${config.cache.keyPrefix}delivery:`,
  shared?: Pick<StoreSet, 'subscriptions' | 'accounts' | 'events'>,
): Promise<AlertStores & { close(): Promise<void> }> {
  const owned = shared ? undefined : openStores(config);
  const base = shared ?? owned!;
  const stores: AlertStores = {
    subscriptions: base.subscriptions,
    accounts: base.accounts,
    events: base.events,
    deliveries: createRedisDeliveryStore({ redis, keyPrefix }),
  };
  await Promise.all([
    stores.subscriptions.init(),
    stores.accounts.init(),
    stores.events.init(),
    stores.deliveries.init(),
  ]);
  return {
    ...stores,
    async close() {
      await Promise.all([
        stores.subscriptions.close(),
        stores.accounts.close(),
        stores.events.close(),
        stores.deliveries.close(),
      ]);
      await owned?.close();
    },
  };
}

interface AlertWorkersArgs {
  config: Config;
  connection: ConnectionOptions;
  redis: Redis;
  prefix?: string;
  names?: { alerts: string; notify: Record<AlertPlatform, string> };
  stores: AlertStores;
  readPoints: (indicatorId: string) => Promise<Point[]>;
  charts?: { renderer: ChartRenderer; store: ChartStore };
  forecastLow?: (indicatorId: string, points: readonly Point[]) => Promise<{ date: string; value: number }[]>;
  improve?: (line: string, signal: AbortSignal) => Promise<string>;
  explainTimeoutMs?: number;
  portfolioImpact?: PortfolioImpact;
  logger: Logger;
  /** Discord's real global limit is per bot; tests point it at a stand-in. */
  discordRest?: REST;
  lockDuration?: number;
  stalledInterval?: number;
  concurrency?: Partial<Record<AlertPlatform, number>>;
  onOutcome?: (platform: AlertPlatform, outcome: NotifyOutcome, count: number) => void;
  /** The evaluation's clock (quiet-hours delays are planned from it); the notify workers use real time. */
  now?: () => number;
}

/**
 * The alerts and notify workers of `riskxpert worker`, with senders for every platform that has credentials.
 * `onLoaded` is the ETL hook: a changed series enqueues one `alerts` job per (indicator, data version).
 */
export function startAlertWorkers(args: AlertWorkersArgs) {
  const { config, connection, prefix } = args;
  const names = args.names ?? { alerts: ALERTS_QUEUE, notify: NOTIFY_QUEUES };
  const a = config.alerts;
  const senders = alertSenders(config, args.discordRest);
  const notifyQueues = createNotifyQueues(connection, prefix, names.notify);
  const alertsQueue = createAlertsQueue(connection, prefix, names.alerts);
  const notify = createNotifyWorkers({
    connection,
    ...(prefix ? { prefix } : {}),
    names: names.notify,
    redis: args.redis,
    keyPrefix: `${prefix ?? 'bull'}:notify:`,
    subscriptions: args.stores.subscriptions,
    deliveries: args.stores.deliveries,
    ...(args.charts ? { charts: args.charts.store } : {}),
    senders,
    perSecond: { telegram: a.telegramPerSecond, discord: a.discordPerSecond, kakao: a.kakaoRequestsPerSecond },
    kakaoDailyCap: a.kakaoDailyCap,
    logger: args.logger.child({ worker: 'notify' }),
    ...(args.concurrency ? { concurrency: args.concurrency } : {}),
    ...(args.lockDuration ? { lockDuration: args.lockDuration } : {}),
    ...(args.stalledInterval ? { stalledInterval: args.stalledInterval } : {}),
    ...(args.onOutcome ? { onOutcome: args.onOutcome } : {}),
  });
  const alertsWorker = createAlertsWorker({
    connection,
    ...(prefix ? { prefix } : {}),
    name: names.alerts,
    deps: alertsDeps(args, notifyQueues),
  });
  return {
    platforms: Object.keys(senders) as AlertPlatform[],
    alertsQueue,
    notifyQueues,
    alertsWorker,
    notifyWorkers: notify.workers,
    onLoaded: (result: Pick<EtlPassResult, 'indicatorId' | 'version'>) =>
      enqueueAlerts(alertsQueue, result.indicatorId, result.version),
    async close(): Promise<void> {
      await alertsWorker.close();
      await notify.close();
      await alertsQueue.close();
      await closeNotifyQueues(notifyQueues);
    },
  };
}

type Senders = Parameters<typeof createNotifyWorkers>[0]['senders'];

/** One sender per platform that has credentials; the others' jobs wait in their queues. */
function alertSenders(config: Config, discordRest: REST | undefined): Senders {
  const senders: Senders = {};
  if (config.telegram.botToken)
    senders.telegram = createTelegramAlertDelivery({
      api: createTelegramAlertApi(config.telegram.botToken, config.telegram.apiRoot),
    });
  if (config.discord.token) {
    senders.discord = createDiscordAlertDelivery({
      rest: discordRest ?? new REST({ api: config.discord.apiBase, timeout: 10_000 }).setToken(config.discord.token),
    });
  }
  if (config.kakao.restApiKey && config.kakao.botId) {
    const base = config.server.publicBaseUrl;
    senders.kakao = createKakaoAlertDelivery({
      client: createKakaoEventApiClient({
        baseUrl: config.kakao.eventApiBase,
        botId: config.kakao.botId,
        restApiKey: config.kakao.restApiKey,
      }),
      eventName: config.alerts.kakaoEventName,
      checkTasks: true,
      ...(base ? { chartUrl: (token: string) => `${base}/charts/${token}.png` } : {}),
    });
  }
  return senders;
}

function alertsDeps(args: AlertWorkersArgs, notifyQueues: NotifyQueues): AlertsDeps {
  return {
    readPoints: args.readPoints,
    subscriptions: args.stores.subscriptions,
    accounts: args.stores.accounts,
    events: args.stores.events,
    notify: notifyQueues,
    ...(args.charts ? { charts: args.charts } : {}),
    ...(args.forecastLow ? { forecastLow: args.forecastLow } : {}),
    ...(args.improve ? { improve: args.improve } : {}),
    ...(args.explainTimeoutMs ? { explainTimeoutMs: args.explainTimeoutMs } : {}),
    ...(args.portfolioImpact ? { portfolioImpact: args.portfolioImpact } : {}),
    ...(args.now ? { now: args.now } : {}),
    logger: args.logger.child({ worker: 'alerts' }),
  };
}

/**
 * The alert workers inside `riskxpert worker`: stores from the runtime's config, series from its series store,
 * charts into its chart store (shared with `serve` through the cache Redis, so Kakao can fetch them).
 */
export async function startWorkerAlerts(
  rt: Runtime,
  connection: Redis,
): Promise<{ platforms: AlertPlatform[]; close(): Promise<void> }> {
  const redis = connection.duplicate({ maxRetriesPerRequest: 20 });
  const llm = rt.config.llm;
  // The runtime's subscription and account stores: the same ones its chat commands write.
  const stores = await createAlertStores(rt.config, redis, `${rt.config.cache.keyPrefix}delivery:`, {
    subscriptions: rt.sim.subscriptions,
    accounts: rt.sim.accounts,
    events: rt.stores.events,
  });
  const system = startAlertWorkers({
    config: rt.config,
    connection,
    redis,
    stores,
    readPoints: async (id) => (await rt.seriesStore.read(id))?.points ?? [],
    charts: { renderer: rt.chartRenderer, store: rt.charts },
    forecastLow: (_id, points) => forecastLowPath(rt.forecaster, points),
    portfolioImpact: rt.risk.commands.threatAlert,
    ...(llm.enabled && rt.openai
      ? {
          improve: createLlmAlertRewrite({
            client: instrumentOpenAi(rt.openai, rt.llmUsage, () => 'alert-rewrite'),
            model: llm.model,
          }),
          explainTimeoutMs: Math.min(llm.summaryTimeoutMs, 3_000),
        }
      : {}),
    logger: rt.logger,
    onOutcome: (platform, outcome, n) => {
      if (outcome !== 'sent' && outcome !== 'failed' && outcome !== 'blocked') return;
      for (let i = 0; i < n; i += 1) rt.metrics.onAlertDelivery(platform, outcome);
    },
  });
  for (const q of [system.alertsQueue, ...Object.values(system.notifyQueues)]) rt.metrics.watchQueue(q);
  for (const w of [system.alertsWorker, ...system.notifyWorkers]) rt.metrics.observeWorker(w);
  rt.logger.info({ platforms: system.platforms }, 'alerts and notify workers running');
  return {
    platforms: system.platforms,
    async close() {
      await system.close();
      await Promise.all([stores.events.close(), stores.deliveries.close()]);
      redis.disconnect();
    },
  };
}

/** The ETL hook: a load that changed the series enqueues its alerts evaluation (when a queue Redis is configured). */
export async function enqueueAlertsOnLoad(
  result: Pick<EtlPassResult, 'indicatorId' | 'version'>,
  deps: { connection: Redis | undefined },
): Promise<void> {
  if (!deps.connection) return;
  const queue = createAlertsQueue(deps.connection);
  try {
    await enqueueAlerts(queue, result.indicatorId, result.version);
  } finally {
    await queue.close();
  }
}
