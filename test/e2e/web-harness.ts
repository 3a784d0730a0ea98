import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { createHttpApp } from '../../adapters/http/create-http-app.js';
import { createWebRouterFromRuntime } from '../../adapters/web/web-from-runtime.js';
import { loadConfig } from '../../src/config.js';
import { createSilentLogger } from '../../src/logger.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import type { Engine } from '../../src/engine/answer-types.js';
import { startKakaoOAuthFake, type KakaoOAuthFake } from '../fakes/kakao-oauth-server.js';

export const TEST_JWT_SECRET = 'test-only-web-jwt-secret-0123456789abcdef';
export const KAKAO_CLIENT_ID = 'test-rest-api-key';
export const KAKAO_CLIENT_SECRET = 'test-client-secret';

export interface WebHarness {
  base: string;
  kakao: KakaoOAuthFake;
  runtime: Runtime;
  close(): Promise<void>;
}

/**
 * The real HTTP app of `riskxpert serve` with the web router mounted exactly as serve does, a real runtime
 * (drift forecaster, offline sample data) and the Kakao Login stand-in. The server listens before the config is
 * built, because the redirect URI registered at "Kakao" must name its port.
 */
export async function startWebHarness(
  env: Record<string, string> = {},
  options: { heartbeatMs?: number; engine?: Engine; now?: () => number } = {},
): Promise<WebHarness> {
  const holder: { app?: Express } = {};
  const server: Server = createServer((req, res) => (holder.app ? holder.app(req, res) : res.writeHead(503).end()));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const redirectUri = `${base}/auth/kakao/callback`;
  const kakao = await startKakaoOAuthFake({
    clientId: KAKAO_CLIENT_ID,
    clientSecret: KAKAO_CLIENT_SECRET,
    redirectUris: [redirectUri],
    user: { id: 4_242_424_242, nickname: '테스트 사용자' },
  });
  const config = loadConfig({
    NODE_ENV: 'test',
    FORECASTER: 'drift',
    LLM_ENABLED: 'false',
    KAKAO_REST_API_KEY: KAKAO_CLIENT_ID,
    KAKAO_CLIENT_SECRET,
    KAKAO_REDIRECT_URI: redirectUri,
    KAKAO_OAUTH_BASE: kakao.url,
    KAKAO_API_BASE: kakao.url,
    WEB_JWT_SECRET: TEST_JWT_SECRET,
    WEB_AUTH_PER_MINUTE: '10000',
    WEB_FORECASTS_PER_MINUTE: '1000',
    ...env,
  });
  const runtime = await createRuntime(config, { logger: createSilentLogger() });
  // A scripted engine replaces only the engine; sessions, stores and charts stay the runtime's own.
  const web = createWebRouterFromRuntime(options.engine ? { ...runtime, engine: options.engine } : runtime, {
    ...options,
    env,
  });
  holder.app = createHttpApp({ runtime, mounts: [{ path: '/', router: web.router }] });
  return {
    base,
    kakao,
    runtime,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await kakao.close();
      await web.close?.();
      await runtime.close();
    },
  };
}
