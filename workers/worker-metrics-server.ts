import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { Logger } from '../src/logger.js';

export interface WorkerMetricsServer {
  /** The port it listens on (the real one when 0 was asked for). */
  readonly port: number;
  close(): Promise<void>;
}

/**
 * /metrics and /healthz of `riskxpert worker`: workers have no HTTP server of their own, and Prometheus must
 * see their job outcomes and alert deliveries, which only the process that ran them can count. Plain node:http:
 * two GET routes need no framework.
 */
export async function startWorkerMetricsServer(deps: {
  registry: Registry;
  port: number;
  host?: string;
  logger: Pick<Logger, 'info' | 'warn'>;
}): Promise<WorkerMetricsServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res
        .writeHead(405, { allow: 'GET, HEAD', 'content-type': 'application/json' })
        .end('{"error":{"code":"METHOD_NOT_ALLOWED"}}');
      return;
    }
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      return;
    }
    if (path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"NOT_FOUND"}}');
      return;
    }
    deps.registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': deps.registry.contentType }).end(text),
      (err: unknown) => {
        deps.logger.warn({ err }, 'worker metrics: cannot collect');
        res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics collection failed\n');
      },
    );
  });
  // A scrape every 15 s: idle keep-alive sockets must not hold the shutdown.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(deps.port, deps.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  deps.logger.info({ port }, 'worker metrics listening (/metrics, /healthz)');
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // A scrape in flight gets a second to finish.
        setTimeout(() => server.closeAllConnections(), 1_000).unref();
      }),
  };
}
