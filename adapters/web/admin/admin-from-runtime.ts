import { Queue } from 'bullmq';
import type { Router } from 'express';
import type { WebSessions } from '../../../src/auth/web-sessions.js';
import { ETL_QUEUE } from '../../../src/data/etl-jobs.js';
import type { Logger } from '../../../src/logger.js';
import { createMemoryLockout, createRedisLockout } from '../../../src/ops/lockout.js';
import { createBroadcasts } from '../../../src/ops/broadcast.js';
import { loadOpsConfig } from '../../../src/ops/ops-config.js';
import { openOpsStores } from '../../../src/ops/open-ops-stores.js';
import { createOperators, type Operators } from '../../../src/ops/operators.js';
import { createUserDataDeletion } from '../../../src/ops/user-data-deletion.js';
import { bootstrapAdminIds } from '../../../src/ops/roles.js';
import type { Runtime } from '../../../src/runtime.js';
import { ALERTS_QUEUE } from '../../../workers/alerts-queue.js';
import { notifyBroadcastQueue } from '../../../workers/broadcast-queue.js';
import { closeNotifyQueues, createNotifyQueues, NOTIFY_QUEUES } from '../../../workers/notify-queue.js';
import type { SignInAudit } from '../auth-routes.js';
import { createAdminRouter, signInAuditFor } from './admin-router.js';

export interface AdminFromRuntime {
  router: Router;
  signInAudit: SignInAudit;
  operators: Operators;
  close(): Promise<void>;
}

/** Wires the console from the runtime: its stores on the runtime's backend, the lockout on the cache Redis, the queues on the queue Redis. */
export function createAdminFromRuntime(rt: Runtime, o: AdminFromRuntimeOptions): AdminFromRuntime {
  const cfg = loadOpsConfig(o.env);
  const stores = openOpsStores(
    rt.stores,
    { url: rt.config.store.mongoUrl, dbName: rt.config.store.dbName },
    cfg.mfaKey,
  );
  const operators = operatorsFor(rt, o, cfg, stores);
  const { queues, notify } = consoleQueues(rt);
  const broadcasts = createBroadcasts({
    subscriptions: rt.stores.subscriptions,
    ...(notify ? { queue: notifyBroadcastQueue(notify) } : {}),
  });
  const timer = scheduleAuditPurge(stores.audit, cfg.auditRetentionDays, o.logger);

  const router = createAdminRouter({
    operators,
    audit: stores.audit,
    users: rt.store.users,
    llmUsage: rt.llmUsage,
    series: rt.seriesStore,
    events: rt.stores.events,
    subscriptions: rt.stores.subscriptions,
    // The ETL refresh port (the same one a stale answer uses): one job per indicator per 10 minutes.
    ...(rt.etl ? { refreshIndicator: rt.etl.requestRefresh } : {}),
    ...(notify ? { broadcasts } : {}),
    deleteUserData: createUserDataDeletion({
      conversations: rt.store.conversations,
      subscriptions: rt.stores.subscriptions,
      accounts: rt.stores.accounts,
      riskProfiles: rt.risk.profiles,
      scenarios: rt.scenarios.store,
      forgetRecommendation: rt.risk.commands.forget,
      operators,
    }),
    sessions: o.sessions,
    queues,
    secureCookies: o.secureCookies,
    logger: o.logger,
  });
  return {
    router,
    signInAudit: signInAuditFor(o.sessions, operators, o.logger),
    operators,
    async close() {
      clearInterval(timer);
      await Promise.all(queues.map((q) => q.close().catch(() => undefined)));
      if (notify) await closeNotifyQueues(notify).catch(() => undefined);
    },
  };
}

interface AdminFromRuntimeOptions {
  sessions: WebSessions;
  secureCookies: boolean;
  logger: Logger;
  env: Record<string, string | undefined>;
  now?: () => number;
}

type OpsConfig = ReturnType<typeof loadOpsConfig>;
type OpsStores = ReturnType<typeof openOpsStores>;

/** Operators with their lockout: shared through the cache Redis when there is one, so every server counts alike. */
function operatorsFor(rt: Runtime, o: AdminFromRuntimeOptions, cfg: OpsConfig, stores: OpsStores): Operators {
  const lockoutOptions = { ...cfg.lockout, ...(o.now ? { now: o.now } : {}) };
  const lockout = rt.cacheRedis
    ? createRedisLockout(rt.cacheRedis, {
        ...lockoutOptions,
        keyPrefix: `${rt.config.cache.keyPrefix}lockout:`,
        logger: o.logger,
      })
    : createMemoryLockout(lockoutOptions);
  return createOperators({
    store: stores.operators,
    audit: stores.audit,
    lockout,
    refreshTokens: rt.refreshTokens,
    bootstrapAdmins: bootstrapAdminIds(cfg.adminKakaoIds),
    freshMfaMs: cfg.freshMfaMs,
    ...(o.now ? { now: o.now } : {}),
  });
}

/** The queues the console shows, and the notify queues broadcasts go through; none without a queue Redis. */
function consoleQueues(rt: Runtime): { queues: Queue[]; notify: ReturnType<typeof createNotifyQueues> | undefined } {
  const queues: Queue[] = [];
  // The runtime's queue Redis client (closed with the runtime); none without QUEUE_REDIS_URL / REDIS_URL.
  const queueRedis = rt.queueRedis('one-shot');
  if (queueRedis)
    for (const name of [ETL_QUEUE, ALERTS_QUEUE, ...Object.values(NOTIFY_QUEUES)])
      queues.push(new Queue(name, { connection: queueRedis }));
  // Broadcasts go through the notify queues shown above (their limits, quiet hours and delivery ledger).
  const notify = queueRedis ? createNotifyQueues(queueRedis) : undefined;
  return { queues, notify };
}

/** Drops audit entries past their retention now and every 6 hours; the timer never keeps the process alive. */
function scheduleAuditPurge(audit: OpsStores['audit'], retentionDays: number, logger: Logger): NodeJS.Timeout {
  const purge = async () => {
    const n = await audit.purgeBefore(new Date(Date.now() - retentionDays * 86_400_000));
    if (n > 0) logger.info({ removed: n }, 'audit log: entries past AUDIT_RETENTION_DAYS removed');
  };
  const timer = setInterval(() => void purge().catch(() => undefined), 6 * 3_600_000);
  timer.unref();
  void purge().catch((err: unknown) => logger.warn({ err: String(err) }, 'audit log: retention purge failed'));
  return timer;
}
