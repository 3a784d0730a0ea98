import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../adapters/http/create-http-app.js';
import { createKakaoRouter } from '../../adapters/kakao/create-kakao-router.js';
import { loadConfig } from '../../src/config.js';
import { createSilentLogger } from '../../src/logger.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { writeClarifySeriesDir } from '../fakes/clarify-series-dir.js';
import { skillResponseProblems } from '../fakes/kakao-callback-server.js';

const official = JSON.parse(readFileSync('test/fixtures/kakao/skill-payload-official.json', 'utf8')) as Record<
  string,
  unknown
>;

function payload(utterance: string, userId: string) {
  const p = structuredClone(official) as { userRequest: Record<string, unknown> };
  p.userRequest.utterance = utterance;
  p.userRequest.user = { id: userId, type: 'botUserKey', properties: { plusfriendUserKey: 'pf-1' } };
  return p;
}

interface SkillJson {
  version: string;
  template?: {
    outputs: { simpleText?: { text: string } }[];
    quickReplies?: { label: string; action: string; messageText: string }[];
  };
}

let server: Server;
let runtime: Runtime;
let base: string;
let removeData: () => Promise<void>;

beforeAll(async () => {
  const data = await writeClarifySeriesDir();
  removeData = data.remove;
  const holder: { app?: Express } = {};
  server = createServer((req, res) => holder.app!(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  runtime = await createRuntime(
    loadConfig({ FORECASTER: 'drift', RISKXPERT_DATA_DIR: data.dir, PUBLIC_BASE_URL: base }),
    { logger: createSilentLogger() },
  );
  const router = createKakaoRouter({
    engine: runtime.engine,
    charts: runtime.charts,
    publicBaseUrl: base,
    inlineBudgetMs: 3_500,
    skillSecretHeader: 'x-riskxpert-skill-secret',
    logger: createSilentLogger(),
  });
  holder.app = createHttpApp({ runtime, mounts: [{ path: '/kakao', router }] });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  await runtime.close();
  await removeData();
});

async function ask(utterance: string, userId: string): Promise<SkillJson> {
  const res = await fetch(`${base}/kakao/skill`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload(utterance, userId)),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as SkillJson;
  expect(skillResponseProblems(body)).toEqual([]);
  return body;
}
const textOf = (r: SkillJson) =>
  (r.template?.outputs ?? []).flatMap((o) => (o.simpleText ? [o.simpleText.text] : [])).join('\n');

describe('Kakao asks back with quick replies, and a pressed one completes the answer', () => {
  it('"금리 연말 전망" -> quick replies for the rates with data -> the pressed one answers the original question', async () => {
    const asked = await ask('금리 연말 전망', 'clarify-user-1');
    expect(textOf(asked)).toMatch(/^어떤 금리를 볼까요\? 한국은행 기준금리, 미국 10년 국채금리 중에서 골라 주세요\.$/u);
    const replies = asked.template!.quickReplies!;
    expect(replies.map((q) => q.label)).toEqual(['한은 기준금리', '미국 10년물']);
    for (const q of replies) expect(Array.from(q.label).length).toBeLessThanOrEqual(14);

    // Pressing a quick reply sends its messageText as the next utterance.
    const answered = await ask(replies[1]!.messageText, 'clarify-user-1');
    const text = textOf(answered);
    // The original question's "연말" is kept: December 2026 counted from the data's last month (June 2026).
    expect(text).toMatch(/2026년 12월까지, 마지막 자료\(2026년 6월\)부터 6개월 뒤로 봤어요\./u);
    expect(text).toMatch(/미국 10년 국채금리/u);
    expect(text).not.toMatch(/어떤 금리를 볼까요/u);
  });

  it('a choice still answers on its own words when the pending question is gone (another server)', async () => {
    const asked = await ask('금리 전망', 'clarify-user-2');
    const pick = asked.template!.quickReplies!.find((q) => q.label === '한은 기준금리')!;
    const answered = await ask(pick.messageText, 'clarify-user-3');
    expect(textOf(answered)).toMatch(/^(?:자료가 [^.]*\. )?기간을 말하지 않아 6개월로 봤어요\. .*한국은행 기준금리/su);
  });

  it('a foreign stock is told plainly that it is not forecast, with what is; a listed one without prices says how to get them', async () => {
    const asked = await ask('테슬라 주가 전망', 'clarify-user-4');
    expect(textOf(asked)).toMatch(/해외 개별 종목은 예측하지 않아요/u);
    expect(asked.template!.quickReplies!.map((q) => q.label)).toEqual(
      expect.arrayContaining(['한은 기준금리', '미국 10년물']),
    );
    const listed = await ask('삼성전자 주가 전망', 'clarify-user-5');
    expect(textOf(listed)).toMatch(/삼성전자\(005930\)의 주가 자료가 없어요\. 한국투자증권 Open API 키/u);
  });
});
