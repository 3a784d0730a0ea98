import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { createHttpApp } from '../../adapters/http/create-http-app.js';
import { createKakaoRouter } from '../../adapters/kakao/create-kakao-router.js';
import { validateSkillResponse, type SkillResponse } from '../../adapters/kakao/skill-response.js';
import { createChartStore } from '../../src/chart/chart-store.js';
import { createSilentLogger } from '../../src/logger.js';

type RouterDeps = Parameters<typeof createKakaoRouter>[0];

/** Kakao's own example skill payload (test/fixtures/kakao), for one user and utterance, answered inline (no callback). */
export function skillPayload(utterance: string, userId: string) {
  const official = JSON.parse(readFileSync('test/fixtures/kakao/skill-payload-official.json', 'utf8')) as {
    userRequest: Record<string, unknown>;
  };
  official.userRequest.utterance = utterance;
  official.userRequest.user = { id: userId, type: 'botUserKey', properties: {} };
  delete official.userRequest.callbackUrl;
  return official;
}

/** The text of every simpleText bubble of a skill response, one per line. */
export const skillText = (r: SkillResponse) =>
  (r.template!.outputs as { simpleText?: { text: string } }[]).map((o) => o.simpleText?.text ?? '').join('\n');

/**
 * The skill route as serve mounts it (createHttpApp + createKakaoRouter) on a loopback port, and `say`, which posts
 * one utterance as the given user and checks the reply against Kakao's skill-response rules before returning it.
 */
export async function startKakaoSkillServer(
  deps: Omit<RouterDeps, 'charts' | 'publicBaseUrl' | 'logger' | 'skillSecretHeader' | 'inlineBudgetMs'> &
    Partial<Pick<RouterDeps, 'inlineBudgetMs'>>,
  userId: string,
) {
  const charts = createChartStore({ ttlSeconds: 600, maxEntries: 100, backend: { kind: 'memory' } });
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const router = createKakaoRouter({
    inlineBudgetMs: 600,
    ...deps,
    charts,
    publicBaseUrl: base,
    skillSecretHeader: 'x-skill-secret',
    logger: createSilentLogger(),
  });
  server.on(
    'request',
    createHttpApp({
      runtime: { charts, logger: createSilentLogger(), readiness: async () => [] },
      mounts: [{ path: '/kakao', router }],
    }),
  );
  return {
    base,
    async say(utterance: string): Promise<SkillResponse> {
      const res = await fetch(`${base}/kakao/skill`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(skillPayload(utterance, userId)),
      });
      const json = (await res.json()) as SkillResponse;
      expect(validateSkillResponse(json)).toEqual([]);
      return json;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
