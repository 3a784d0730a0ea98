import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRiskUtterance } from '../../adapters/kakao/risk-utterances.js';
import { type SkillResponse } from '../../adapters/kakao/skill-response.js';
import { createRiskCommands } from '../../src/risk/risk-commands.js';
import { syntheticMarket } from '../../src/risk/synthetic-market.js';
import { createPaperTrading } from '../../src/sim/paper-trading.js';
import { createMemoryAccountStore } from '../../src/store/memory-account-store.js';
import { createMemoryRiskProfileStore } from '../../src/store/memory-risk-profile-store.js';
import { createScriptedEngine } from '../fakes/kakao-scripted-engine.js';
import { skillText, startKakaoSkillServer } from '../fakes/kakao-skill-harness.js';

const market = syntheticMarket(3, 1_300, 5);
const ids = ['usdkrw', 'kospi', 'stock:005930'];
const history = async (id: string) => [...market[ids.indexOf(id)]!.points];
const units = (id: string, won: number) => BigInt(Math.floor(won / market[ids.indexOf(id)]!.points.at(-1)!.value));
const trading = createPaperTrading({
  accounts: createMemoryAccountStore(),
  history,
  startingCashWon: 100_000_000n,
  feeBps: 1.5,
});
const engine = createScriptedEngine(() => ({ kind: 'error', code: 'BAD_REQUEST', message: 'not a risk utterance' }));

let kakao: Awaited<ReturnType<typeof startKakaoSkillServer>>;
beforeAll(async () => {
  const risk = createRiskCommands({
    profiles: createMemoryRiskProfileStore(),
    history,
    portfolio: (u) => trading.portfolio(u),
    trader: trading,
  });
  kakao = await startKakaoSkillServer(
    {
      engine,
      inlineBudgetMs: 3_000,
      risk,
    },
    'krisk1',
  );
});
afterAll(async () => {
  await kakao.close();
});

const say = (utterance: string) => kakao.say(utterance);
const text = skillText;
const replies = (r: SkillResponse) => (r.template!.quickReplies ?? []).map((q) => q.messageText);

describe('Kakao portfolio-risk utterances over the skill endpoint', () => {
  it('reads the utterance forms, and leaves questions about risk to the engine', () => {
    expect(parseRiskUtterance('내 포트폴리오 위험')).toEqual({ command: 'risk', args: '' });
    expect(parseRiskUtterance('리스크 삼성전자 50% 코스피 30% 달러 20%')).toEqual({
      command: 'risk',
      args: '삼성전자 50% 코스피 30% 달러 20%',
    });
    expect(parseRiskUtterance('대응 방안')).toEqual({ command: 'plan', args: '' });
    expect(parseRiskUtterance('투자 성향 안정형 10%')).toEqual({ command: 'profile', args: '안정형 10%' });
    expect(parseRiskUtterance('리밸런싱 적용')).toEqual({ command: 'apply', args: '' });
    expect(parseRiskUtterance('리스크 요인이 뭐야?')).toBeUndefined();
    expect(parseRiskUtterance('앞으로 3개월 코스피 어때?')).toBeUndefined();
  });

  it('profile, stated weights, paper-account risk, plan and apply, each within Kakao limits', async () => {
    expect(text(await say('투자 성향 안정형 3%'))).toBe('위험 성향을 안정형, 손실 한도를 한 달 3%로 저장했어요.');

    const stated = await say('리스크 삼성전자 50% 코스피 30% 달러 20%');
    expect(text(stated)).toMatch(/한 달 95% VaR는 −\d+\.\d%/u);
    // All three holdings were read (no commas between them): each appears in the recommendation.
    expect(text(stated)).toMatch(/삼성전자 \(005930\) \d+\.\d%, 코스피 \d+\.\d%, 원\/달러 환율 \d+\.\d%로 나누면/u);
    expect(text(stated)).toMatch(/교육용 예시이며 투자 권유가 아니에요/u);
    expect(replies(stated)).toEqual(['대응 방안']);

    expect(text(await say('리스크 삼성전자 50% 코스피 70%'))).toBe(
      '비중 합계가 120%예요. 100% 이하로 적어 주세요(나머지는 현금으로 봐요).',
    );
    expect(text(await say('내 포트폴리오 위험'))).toMatch(/^모의투자 계좌에 보유 종목이 없어요/u);

    await trading.buy('kakao:krisk1', 'stock:005930', units('stock:005930', 60_000_000));
    await trading.buy('kakao:krisk1', 'kospi', units('kospi', 35_000_000));
    expect(text(await say('내 포트폴리오 위험'))).toMatch(/모의실험/u);
    const plan = await say('대응 방안');
    expect(text(plan)).toMatch(/줄이면 95% VaR가/u);
    expect(text(plan)).toMatch(/리밸런싱 적용/u);
    expect(replies(plan)).toEqual(['리밸런싱 적용']);
    const before = (await trading.portfolio('kakao:krisk1')).account.trades.length;
    expect(text(await say('리밸런싱 적용'))).toMatch(/^교육용 모의투자에 추천을 적용했어요: .*주 매도/u);
    expect((await trading.portfolio('kakao:krisk1')).account.trades.length).toBeGreaterThan(before);
    expect(text(await say('리밸런싱 적용'))).toMatch(/적용할 최근 추천이 없어요/u);
    // None of these reached the engine: each was answered as a risk utterance.
    expect(engine.calls).toEqual([]);
  }, 60_000);
});
