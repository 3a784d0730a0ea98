import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenarioUtterance } from '../../adapters/kakao/scenario-utterance.js';
import type { SkillResponse } from '../../adapters/kakao/skill-response.js';
import { createScriptedEngine } from '../fakes/kakao-scripted-engine.js';
import { scenarioTestSurface } from '../fakes/scenario-surface.js';
import { startKakaoSkillServer } from '../fakes/kakao-skill-harness.js';

const env = scenarioTestSurface();
let kakao: Awaited<ReturnType<typeof startKakaoSkillServer>>;
beforeAll(async () => {
  kakao = await startKakaoSkillServer(
    {
      engine: createScriptedEngine(() => ({ kind: 'ok' }) as never),
      scenarios: env.chat,
    },
    'kscn1',
  );
});
afterAll(async () => {
  await kakao.close();
  env.drop();
});

const say = (utterance: string) => kakao.say(utterance);
const outputs = (r: SkillResponse) =>
  r.template!.outputs as { simpleText?: { text: string }; simpleImage?: { imageUrl: string } }[];

describe('Kakao "시나리오 ..." utterances over the skill endpoint', () => {
  it('reads the utterance forms', () => {
    expect(parseScenarioUtterance('시나리오 환율 +10%, 3개월')).toBe('환율 +10%, 3개월');
    expect(parseScenarioUtterance('/scenario list')).toBe('list');
    expect(parseScenarioUtterance('앞으로 3개월 코스피 어때?')).toBeUndefined();
  });

  it('creates, runs on the paper portfolio with the chart image, edits, re-runs and lists both versions', async () => {
    await env.trading.buy('kakao:kscn1', 'kospi', 500n);
    expect(outputs(await say('시나리오 save 원화: 환율 +10%, 3개월'))[0]!.simpleText!.text).toBe(
      "시나리오 '원화' 저장: 버전 1.",
    );
    const run1 = outputs(await say('시나리오 원화'));
    expect(run1[0]!.simpleText!.text).toMatch(/^시나리오 '원화'\(버전 1, 3개월/u);
    const png = await fetch(run1[1]!.simpleImage!.imageUrl);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await png.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    await say('시나리오 edit 원화: 환율 +20%, 3개월');
    expect(outputs(await say('시나리오 원화'))[0]!.simpleText!.text).toMatch(/버전 2, 3개월/u);
    const versions = outputs(await say('시나리오 versions 원화'))[0]!.simpleText!.text.split('\n');
    expect(versions.map((l) => l.replace(/ \d{4}-.* UTC/u, ''))).toEqual([
      'v1: usdkrw +10%, 3m · runs 1',
      'v2: usdkrw +20%, 3m · runs 1',
    ]);
    expect(outputs(await say('시나리오 코스피 -10%, 0개월'))[0]!.simpleText!.text).toBe(
      '⚠️ 기간 0개월은 쓸 수 없어요. 1개월에서 60개월 사이로 적어 주세요.',
    );
  });
});
