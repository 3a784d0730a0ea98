import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSimUtterance } from '../../adapters/kakao/sim-utterances.js';
import { createBotCommands } from '../../src/sim/bot-commands.js';
import { createPaperTrading } from '../../src/sim/paper-trading.js';
import { createMemoryAccountStore } from '../../src/store/memory-account-store.js';
import { createMemorySubscriptionStore } from '../../src/store/memory-subscription-store.js';
import { createScriptedEngine } from '../fakes/kakao-scripted-engine.js';
import { skillText, startKakaoSkillServer } from '../fakes/kakao-skill-harness.js';

const subscriptions = createMemorySubscriptionStore();
const engine = createScriptedEngine(() => ({ kind: 'ok' }) as never);
let kakao: Awaited<ReturnType<typeof startKakaoSkillServer>>;
beforeAll(async () => {
  const trading = createPaperTrading({
    accounts: createMemoryAccountStore(),
    history: async () => [{ date: '2026-11-20', value: 2500 }],
    startingCashWon: 10_000_000n,
    feeBps: 15,
  });
  kakao = await startKakaoSkillServer(
    {
      engine,
      commands: createBotCommands({
        trading,
        subscriptions,
        renderEquityChart: async () => new Uint8Array([137, 80, 78, 71]),
      }),
    },
    'kuser1',
  );
});
afterAll(async () => {
  await kakao.close();
});

const say = (utterance: string) => kakao.say(utterance);
const text = skillText;

describe('Kakao paper trading and alerts as utterances', () => {
  it('maps utterances onto the commands, and a forecast question onto none', () => {
    expect(parseSimUtterance('매수 코스피 3')).toEqual({ command: 'buy', args: '코스피 3' });
    expect(parseSimUtterance('코스피 3주 매도')).toEqual({ command: 'sell', args: '코스피 3주' });
    expect(parseSimUtterance('포트폴리오')).toEqual({ command: 'portfolio', args: '' });
    expect(parseSimUtterance('알림 받기')).toEqual({ command: 'subscribe', args: '' });
    expect(parseSimUtterance('알림 코스피 급변 5')).toEqual({ command: 'subscribe', args: '코스피 급변 5' });
    expect(parseSimUtterance('알림 해제 2')).toEqual({ command: 'unsubscribe', args: '2' });
    expect(parseSimUtterance('방해 금지 23:00-07:00')).toEqual({ command: 'quiet', args: '23:00-07:00' });
    expect(parseSimUtterance('앞으로 6개월 코스피 어때?')).toBeUndefined();
    expect(parseSimUtterance('삼성전자 10주 매수')).toEqual({ command: 'buy', args: '삼성전자 10주' });
    expect(parseSimUtterance('매도 005930 5')).toEqual({ command: 'sell', args: '005930 5' });
  });

  it('buys, shows the portfolio with its chart image, subscribes (opted in) and lists, without calling the engine', async () => {
    expect(text(await say('매수 코스피 2'))).toBe(
      '✅ 코스피 2주 매수: 2,500 (2026-11-20 종가), 수수료 8원. 현금 9,994,992원',
    );
    const p = await say('포트폴리오');
    expect(text(p)).toContain('평가액 9,999,992원');
    const image = (p.template!.outputs as { simpleImage?: { imageUrl: string } }[]).find((o) => o.simpleImage)!
      .simpleImage!.imageUrl;
    expect((await fetch(image)).status).toBe(200);
    expect(text(await say('알림 받기'))).toContain('예: 알림 코스피 낙폭 10');
    const sub = await say('알림 코스피 낙폭 12');
    expect(text(sub)).toBe('🔔 알림 설정: 코스피 — 최근 90일 고점 대비 −12% 하락');
    expect(sub.template!.quickReplies).toEqual([{ label: '📋 내 알림', action: 'message', messageText: '알림 목록' }]);
    expect(await subscriptions.listByUser('kakao:kuser1')).toMatchObject([
      { platform: 'kakao', target: 'kuser1', optIn: true },
    ]);
    const list = await say('알림 목록');
    expect(list.template!.quickReplies![0]).toEqual({
      label: '❌ 1번 해제',
      action: 'message',
      messageText: '알림 해제 1',
    });
    expect(text(await say('알림 해제 1'))).toBe('🔕 알림 1개를 해제했어요.');
    expect(engine.calls).toHaveLength(0);
  });

  it('buys a KRX stock by name or code; usage lines read as Kakao utterances', async () => {
    expect(text(await say('삼성전자 1주 매수'))).toBe(
      '✅ 삼성전자 (005930) 1주 매수: 2,500 (2026-11-20 종가), 수수료 4원. 현금 9,992,488원',
    );
    expect(text(await say('매수 005930'))).toBe(
      '예: 매수 코스피 3 · 매수 005930 10 · 매수 삼성전자 10 (지표 또는 종목코드와 수량)',
    );
  });
});
