import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../src/logger.js';
import { createRiskCommands } from '../../src/risk/risk-commands.js';
import { syntheticMarket } from '../../src/risk/synthetic-market.js';
import { createPaperTrading } from '../../src/sim/paper-trading.js';
import { createMemoryAccountStore } from '../../src/store/memory-account-store.js';
import { createMemoryRiskProfileStore } from '../../src/store/memory-risk-profile-store.js';
import { createMemorySubscriptionStore } from '../../src/store/memory-subscription-store.js';
import { createMemoryThreatEventStore } from '../../src/store/memory-threat-event-store.js';
import { runAlertsEvaluation } from '../../workers/alerts-queue.js';
import { closeNotifyQueues, createNotifyQueues, type NotifyQueues } from '../../workers/notify-queue.js';
import { crossingSeries, deletePrefix, redisConnection, seedSubscribers } from '../fakes/alert-harness.js';
import { useTestRedis } from '../fakes/test-redis.js';

const market = syntheticMarket(3, 1_300, 5);
const ids = ['usdkrw', 'kospi', 'stock:005930'];
const history = async (id: string) => [...market[ids.indexOf(id)]!.points];
const units = (id: string, won: number) => BigInt(Math.floor(won / market[ids.indexOf(id)]!.points.at(-1)!.value));

const testRedis = useTestRedis();
let queues: NotifyQueues | undefined;
let prefix = '';
afterEach(async () => {
  if (queues) await closeNotifyQueues(queues);
  queues = undefined;
});
afterAll(async () => {
  if (prefix) await deletePrefix(prefix, testRedis.url);
});

describe('alerts carry the holder portfolio impact and plan', () => {
  it('appends it for a holder (a Kakao holder in a batch of one), keeps the event text for a non-holder and a failing analysis', async () => {
    prefix = `rxtest-impact-${process.pid}-${Date.now()}`;
    queues = createNotifyQueues(redisConnection(testRedis.url), prefix);
    const subscriptions = createMemorySubscriptionStore();
    await seedSubscribers(subscriptions, { telegram: 2, discord: 1, kakao: 2 });
    const trading = createPaperTrading({
      accounts: createMemoryAccountStore(),
      history,
      startingCashWon: 100_000_000n,
      feeBps: 0,
    });
    await trading.buy('telegram:100001', 'kospi', units('kospi', 60_000_000));
    await trading.buy('telegram:100001', 'usdkrw', units('usdkrw', 20_000_000));
    await trading.buy('telegram:100002', 'kospi', units('kospi', 50_000_000));
    await trading.buy('kakao:k300001', 'kospi', units('kospi', 50_000_000));
    const risk = createRiskCommands({
      profiles: createMemoryRiskProfileStore(),
      history,
      portfolio: (u) => trading.portfolio(u),
    });
    const asked: string[] = [];
    const points = crossingSeries();
    const r = await runAlertsEvaluation(
      {
        readPoints: async () => points,
        subscriptions,
        events: createMemoryThreatEventStore(),
        notify: queues,
        portfolioImpact: async (userId, locale, holdingId) => {
          asked.push(userId);
          // This holder's prices are unavailable: the alert must still go out with today's text.
          if (userId === 'telegram:100002') throw new Error('no prices');
          return risk.threatAlert(userId, locale, holdingId);
        },
        logger: createSilentLogger(),
      },
      { indicatorId: 'kospi', version: 'v1' },
    );
    // Kakao: one shared batch of two became the non-holder's batch and the holder's own job.
    expect(r).toMatchObject({ events: 1, jobs: 5 });
    const text = async (q: keyof NotifyQueues, userId: string) =>
      (await queues![q].getJobs(['waiting', 'delayed'])).find((j) => j.data.items.some((i) => i.userId === userId))!
        .data.text;
    const holder = await text('telegram', 'telegram:100001');
    const [eventLine, impact] = holder.split('\n\n');
    expect(eventLine).toMatch(/코스피/u);
    expect(impact).toMatch(/^코스피에 위협 이벤트가 발생했어요\. 포트폴리오 한 달 95% VaR는 −\d+\.\d%예요\./u);
    expect(impact).toMatch(/코스피 비중을 \d+\.\d%에서 \d+\.\d%로 줄이면/u);
    expect(impact).toMatch(/교육용 예시이며 투자 권유가 아니에요/u);
    expect(await text('telegram', 'telegram:100002')).toBe(eventLine);
    expect(await text('discord', 'discord:200001')).toBe(eventLine);
    const kakaoJobs = await queues.kakao.getJobs(['waiting', 'delayed']);
    const kakaoHolder = kakaoJobs.find((j) => j.data.items.some((i) => i.userId === 'kakao:k300001'))!;
    expect(kakaoHolder.data.items.map((i) => i.userId)).toEqual(['kakao:k300001']);
    expect(kakaoHolder.data.text).toMatch(
      /^.*코스피.*\n\n코스피에 위협 이벤트가 발생했어요\. 포트폴리오 한 달 95% VaR는/su,
    );
    expect(Array.from(kakaoHolder.data.text).length).toBeLessThanOrEqual(1000);
    const kakaoShared = kakaoJobs.find((j) => j.data.items.some((i) => i.userId === 'kakao:k300002'))!;
    expect(kakaoShared.data.items.map((i) => i.userId)).toEqual(['kakao:k300002']);
    expect(kakaoShared.data.text).toBe(eventLine);
    expect(asked.sort()).toEqual([
      'discord:200001',
      'kakao:k300001',
      'kakao:k300002',
      'telegram:100001',
      'telegram:100002',
    ]);
  }, 60_000);
});
