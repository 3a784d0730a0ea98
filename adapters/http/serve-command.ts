import type { Server } from 'node:http';
import type { RequestHandler, Router } from 'express';
import type { Redis } from 'ioredis';
import type { CommandRegistrar } from '../../src/cli.js';
import type { Runtime } from '../../src/runtime.js';
import type { OutboundUrlGuard } from '../../src/net/outbound-url-guard.js';
import { REST } from 'discord.js';
import { createDiscordInteractionsFromRuntime } from '../discord/interactions.js';
import { createDiscordInteractionsRouter } from '../discord/interactions-router.js';
import { createKakaoRouter } from '../kakao/create-kakao-router.js';
import { createTelegramBotFromRuntime } from '../telegram/create-telegram-bot.js';
import { createTelegramWebhookRouter } from '../telegram/webhook-router.js';
import { createWebRouterFromRuntime } from '../web/web-from-runtime.js';
import { createHttpApp } from './create-http-app.js';
import { createIpRateLimiter, ipRateLimit } from './ip-rate-limit.js';
import { listenForShutdown } from '../../src/app/shutdown-signal.js';
import { createOutboundUrlGuard } from '../../src/net/outbound-url-guard.js';
import { kakaoSkillRoutePolicy } from '../kakao/skill-route-policy.js';
import { rateLimitedSkillBody } from '../kakao/skill-response.js';

/** `riskxpert serve`: one HTTP server that the platform adapters mount their routes on. */
export const registerServeCommand: CommandRegistrar = (program, ctx) => {
  program
    .command('serve')
    .description('Run the HTTP server (webhooks, chart images, /healthz, /readyz)')
    .option('-p, --port <port>', 'port (default: PORT or 8080)')
    .action(async (opts: { port?: string }) => {
      const rt = await ctx.runtime();
      let draining = false;
      const limits = rt.config.http;
      // Rate limits shared through the cache Redis when there is one (a short timeout: the limiters decide in memory then).
      const limiterRedis =
        limits.ipRateLimitPerMinute > 0 || limits.kakaoUserPerMinute > 0 ? rt.limiterRedis() : undefined;
      const callbackGuard = createOutboundUrlGuard({ allowedHosts: rt.config.kakao.callbackHosts });
      const mounts = [...kakaoMounts(rt, callbackGuard, limiterRedis), ...(await chatWebhookMounts(rt))];
      // Last: the web page and its /auth and /api routes live at the root.
      const web = createWebRouterFromRuntime(rt);
      for (const notice of web.notices) rt.logger.warn(notice);
      mounts.push({ path: '/', router: web.router });
      const rateLimit = ipRateLimitFor(rt, limiterRedis);
      const app = createHttpApp({
        runtime: rt,
        isDraining: () => draining,
        mounts,
        trustProxy: rt.config.http.trustProxy,
        ...(rateLimit ? { rateLimit } : {}),
      });
      const server = await listen(app, opts.port ? Number(opts.port) : rt.config.server.port, rt);

      const signal = await listenForShutdown().signal;
      draining = true;
      rt.logger.info({ signal }, 'shutting down: no new connections, finishing in-flight requests');
      await drain(server);
      await web.close?.();
      await rt.close();
      await callbackGuard.close();
    });
};

type Mount = { path: string; router: Router };

/** The Kakao skill route, unless the skill-route policy keeps it unmounted (its notices say why). */
function kakaoMounts(rt: Runtime, callbackGuard: OutboundUrlGuard, limiterRedis: Redis | undefined): Mount[] {
  const limits = rt.config.http;
  const kakao = createKakaoRouter({
    engine: rt.engine,
    charts: rt.charts,
    publicBaseUrl: rt.config.server.publicBaseUrl,
    inlineBudgetMs: rt.config.kakao.inlineBudgetMs,
    skillSecret: rt.config.kakao.skillSecret,
    skillSecretHeader: rt.config.kakao.skillSecretHeader,
    callbackGuard,
    maxUtteranceChars: rt.config.answer.maxQuestionChars,
    logger: rt.logger.child({ adapter: 'kakao' }),
    availableIndicators: () => rt.series.available(),
    commands: rt.sim.commands,
    news: { store: rt.news.store },
    risk: rt.risk.commands,
    scenarios: rt.scenarios.chat,
    ...(limits.kakaoUserPerMinute > 0
      ? {
          userLimiter: createIpRateLimiter({
            pointsPerMinute: limits.kakaoUserPerMinute,
            redis: limiterRedis,
            keyPrefix: `${rt.config.cache.keyPrefix}rl:kakao-user`,
          }),
          onUserLimited: () => rt.metrics.onRateLimited('kakao', 'user'),
        }
      : {}),
  });
  if (!rt.config.server.publicBaseUrl)
    rt.logger.warn('PUBLIC_BASE_URL is not set: Kakao answers will carry no chart image');
  const kakaoPolicy = kakaoSkillRoutePolicy(rt.config);
  for (const n of kakaoPolicy.notices) rt.logger[n.level](n.message);
  return kakaoPolicy.mount ? [{ path: '/kakao', router: kakao }] : [];
}

/** The Telegram webhook and Discord interactions, each only when its credentials are configured. */
async function chatWebhookMounts(rt: Runtime): Promise<Mount[]> {
  const mounts: Mount[] = [];
  if (rt.config.telegram.botToken) {
    const bot = createTelegramBotFromRuntime(rt);
    await bot.init();
    if (!rt.config.telegram.webhookSecret)
      rt.logger.warn('TELEGRAM_WEBHOOK_SECRET is not set: the Telegram webhook accepts unauthenticated requests');
    mounts.push({
      path: '/telegram',
      router: createTelegramWebhookRouter({
        bot,
        ...(rt.config.telegram.webhookSecret ? { secretToken: rt.config.telegram.webhookSecret } : {}),
        logger: rt.logger,
      }),
    });
  }
  const dc = rt.config.discord;
  if (dc.publicKey && dc.token) {
    const handlers = createDiscordInteractionsFromRuntime(rt, new REST({ api: dc.apiBase }).setToken(dc.token));
    mounts.push({
      path: '/discord',
      router: createDiscordInteractionsRouter({ publicKeyHex: dc.publicKey, handlers, logger: rt.logger }),
    });
  }
  return mounts;
}

/** The per-IP limit in front of charts and every mounted router; none when the limit is 0. */
function ipRateLimitFor(rt: Runtime, limiterRedis: Redis | undefined): RequestHandler | undefined {
  if (!(rt.config.http.ipRateLimitPerMinute > 0)) return undefined;
  return ipRateLimit({
    limiter: createIpRateLimiter({
      pointsPerMinute: rt.config.http.ipRateLimitPerMinute,
      redis: limiterRedis,
      keyPrefix: `${rt.config.cache.keyPrefix}rl:ip`,
    }),
    logger: rt.logger,
    onLimited: (route) => rt.metrics.onRateLimited(route, 'ip'),
    inBandRefusals: { kakao: rateLimitedSkillBody },
  });
}

async function listen(app: ReturnType<typeof createHttpApp>, port: number, rt: Runtime): Promise<Server> {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(port, () => resolve(s));
  });
  const address = server.address();
  rt.logger.info({ port: typeof address === 'object' && address ? address.port : port }, 'riskxpert serve listening');
  return server;
}

/** Lets in-flight requests finish; connections still open after 10 s are cut so shutdown cannot hang. */
function drain(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), 10_000);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
