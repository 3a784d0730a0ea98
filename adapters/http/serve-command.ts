import type { Server } from 'node:http';
import type { CommandRegistrar } from '../../src/cli.js';
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
      const app = createHttpApp({ runtime: rt, isDraining: () => draining });
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
