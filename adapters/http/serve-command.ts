import type { Server } from 'node:http';
import type { CommandRegistrar } from '../../src/cli.js';
import { createKakaoRouter } from '../kakao/create-kakao-router.js';
import { createHttpApp } from './create-http-app.js';

/** `riskxpert serve`: one HTTP server that the platform adapters mount their routes on. */
export const registerServeCommand: CommandRegistrar = (program, ctx) => {
  program
    .command('serve')
    .description('Run the HTTP server (webhooks, chart images, /healthz, /readyz)')
    .option('-p, --port <port>', 'port (default: PORT or 8080)')
    .action(async (opts: { port?: string }) => {
      const rt = await ctx.runtime();
      let draining = false;
      const kakao = createKakaoRouter({
        engine: rt.engine,
        charts: rt.charts,
        publicBaseUrl: rt.config.server.publicBaseUrl,
        inlineBudgetMs: rt.config.kakao.inlineBudgetMs,
        skillSecret: rt.config.kakao.skillSecret,
        skillSecretHeader: rt.config.kakao.skillSecretHeader,
        maxUtteranceChars: rt.config.answer.maxQuestionChars,
        logger: rt.logger.child({ adapter: 'kakao' }),
      });
      if (!rt.config.server.publicBaseUrl) rt.logger.warn('PUBLIC_BASE_URL is not set: Kakao answers will carry no chart image');
      const app = createHttpApp({ runtime: rt, isDraining: () => draining, mounts: [{ path: '/kakao', router: kakao }] });
      const port = opts.port ? Number(opts.port) : rt.config.server.port;
      const server: Server = await new Promise((resolve) => {
        const s = app.listen(port, () => resolve(s));
      });
      const address = server.address();
      rt.logger.info({ port: typeof address === 'object' && address ? address.port : port }, 'riskxpert serve listening');

      await new Promise<void>((resolve) => {
        const shutdown = (signal: string) => {
          if (draining) return;
          draining = true;
          rt.logger.info({ signal }, 'shutting down: no new connections, finishing in-flight requests');
          const force = setTimeout(() => server.closeAllConnections(), 10_000);
          force.unref();
          server.close(() => {
            clearTimeout(force);
            resolve();
          });
          server.closeIdleConnections();
        };
        process.once('SIGTERM', () => shutdown('SIGTERM'));
        process.once('SIGINT', () => shutdown('SIGINT'));
      });
      await rt.close();
    });
};
