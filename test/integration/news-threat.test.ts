import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryNewsStore } from '../../src/news/memory-news-store.js';
import { loadNewsConfig } from '../../src/news/news-config.js';
import { createNewsServices } from '../../src/news/news-services.js';
import { detectBursts } from '../../src/news/news-threat.js';
import { createMemorySubscriptionStore } from '../../src/store/memory-subscription-store.js';
import { createMemoryThreatEventStore } from '../../src/store/memory-threat-event-store.js';
import { createNewsAlerts } from '../../workers/news-alerts.js';
import { NOTIFY_QUEUES, type NotifyJobData } from '../../workers/notify-queue.js';
import { newsItem } from '../contract/news-store.contract.js';
import { rss, startNewsFeedServer, type NewsFeedServer } from '../fakes/news-feed-server.js';
import { useTestRedis } from '../fakes/test-redis.js';

const testRedis = useTestRedis();
const NOW = new Date('2026-12-02T06:40:00.000Z');
const HOUR = 3_600_000;

// Thirty different USD/KRW headlines (different enough that de-duplication keeps thirty stories).
const WHO = ['외환당국', '수출기업', '외국인 투자자', '시중은행 딜러', '증권가 연구원', '정유업계'];
const WHAT = [
  '구두개입 경계감 고조',
  '달러 매도 물량 출회',
  '역외 매수세 급증',
  '결제 수요 몰려',
  '위험회피 심리 확산',
];
const burstTitles = Array.from(
  { length: 30 },
  (_, i) => `${WHO[i % 6]} ${WHAT[Math.floor(i / 6)]}… 원·달러 환율 ${1_450 + i * 7}원 (${i + 1}보)`,
);

describe('news bursts raise threat events through the notify queues', () => {
  let server: NewsFeedServer;
  beforeAll(async () => {
    server = await startNewsFeedServer();
  });
  afterAll(async () => server.close());

  it('30 USD/KRW items within an hour: one event, one alert per news subscriber of USD/KRW, none to others; the next fetch adds nothing', async () => {
    const news = createMemoryNewsStore();
    // A week of ordinary flow: one USD/KRW item every 6 hours.
    await news.upsert(
      Array.from({ length: 28 }, (_, k) =>
        newsItem({
          title: `환율 일반 기사 ${k}`,
          indicators: ['usdkrw'],
          publishedAt: new Date(NOW.getTime() - (k + 1) * 6 * HOUR).toISOString(),
        }),
      ),
    );
    server.set('/fx.xml', {
      body: rss(
        burstTitles.map((title, i) => ({
          title,
          link: `https://fx.example/${i}`,
          pubDate: new Date(NOW.getTime() - (i + 1) * 90_000).toUTCString(),
        })),
      ),
    });
    const config = loadNewsConfig({ NEWS_FEEDS: `fx=${server.url}/fx.xml`, NEWS_HOST_GAP_MS: '0' });
    const services = createNewsServices({
      config,
      store: news,
      now: () => NOW,
      permitAddress: (a) => a === '127.0.0.1',
    });

    const subscriptions = createMemorySubscriptionStore();
    const fxTelegram = await subscriptions.add({
      userId: 'telegram:1',
      platform: 'telegram',
      target: '1',
      indicatorId: 'usdkrw',
      rule: { kind: 'news' },
    });
    const fxDiscord = await subscriptions.add({
      userId: 'discord:2',
      platform: 'discord',
      target: '2',
      indicatorId: 'usdkrw',
      rule: { kind: 'news' },
      optIn: true,
    });
    const fxKakao = await subscriptions.add({
      userId: 'kakao:3',
      platform: 'kakao',
      target: 'k3',
      indicatorId: 'usdkrw',
      rule: { kind: 'news' },
      optIn: true,
    });
    await subscriptions.add({
      userId: 'telegram:4',
      platform: 'telegram',
      target: '4',
      indicatorId: 'kospi',
      rule: { kind: 'news' },
    });
    await subscriptions.add({
      userId: 'telegram:5',
      platform: 'telegram',
      target: '5',
      indicatorId: 'usdkrw',
      rule: { kind: 'drawdown', lookbackDays: 90, thresholdPct: 10 },
    });
    const events = createMemoryThreatEventStore();

    const prefix = `rx-news-alerts-${process.pid}-${Date.now()}`;
    const alerts = createNewsAlerts({
      connection: testRedis.connection(),
      prefix,
      news,
      events,
      subscriptions,
      config,
      now: () => NOW,
    });
    const queue = (p: keyof typeof NOTIFY_QUEUES) =>
      new Queue<NotifyJobData>(NOTIFY_QUEUES[p], { connection: testRedis.connection(), prefix });
    const queues = { telegram: queue('telegram'), discord: queue('discord'), kakao: queue('kakao') };
    try {
      const report = await services.fetchAll();
      expect(report.added.filter((i) => i.indicators.includes('usdkrw'))).toHaveLength(30);
      expect(await alerts.onFetched(report)).toEqual({ events: 1, jobs: 3 });

      const [event] = await events.listByIndicator('usdkrw', 10);
      expect(event).toMatchObject({ rule: 'news', value: 30, date: '2026-12-02T06:00:00.000Z' });
      expect(event!.measure).toBeGreaterThan(3);
      expect(event!.text.ko).toMatch(
        /^📰 원\/달러 환율 관련 뉴스가 최근 1시간 30건으로 평소\(시간당 0\.2건\)보다 크게 늘었어요\. 최신: /u,
      );
      expect(await events.listByIndicator('kospi', 10)).toEqual([]);

      const jobs = async () => ({
        telegram: (await queues.telegram.getJobs(['waiting', 'delayed'])).flatMap((j) =>
          j.data.items.map((x) => x.subscriptionId),
        ),
        discord: (await queues.discord.getJobs(['waiting', 'delayed'])).flatMap((j) =>
          j.data.items.map((x) => x.subscriptionId),
        ),
        kakao: (await queues.kakao.getJobs(['waiting', 'delayed'])).flatMap((j) =>
          j.data.items.map((x) => x.subscriptionId),
        ),
      });
      expect(await jobs()).toEqual({ telegram: [fxTelegram.id], discord: [fxDiscord.id], kakao: [fxKakao.id] });
      const [tgJob] = await queues.telegram.getJobs(['waiting']);
      expect(tgJob!.data.text).toBe(event!.text.ko);

      // The next fetch in the same burst: the feed has nothing new, the burst is still on, nothing is raised again.
      const again = await services.fetchAll();
      expect(await alerts.onFetched(again)).toEqual({ events: 0, jobs: 0 });
      expect(await events.listByIndicator('usdkrw', 10)).toHaveLength(1);
      expect(await jobs()).toEqual({ telegram: [fxTelegram.id], discord: [fxDiscord.id], kakao: [fxKakao.id] });
    } finally {
      await alerts.close();
      await Promise.all(
        Object.values(queues).map(async (q) => {
          await q.obliterate({ force: true });
          await q.close();
        }),
      );
      await services.close();
    }
  });

  it('an hour as busy as the indicator’s usual hours is no burst', () => {
    const usual = Array.from({ length: 168 * 12 }, (_, k) =>
      newsItem({
        indicators: ['kospi'],
        publishedAt: new Date(NOW.getTime() - (k * HOUR) / 12 - 60_000).toISOString(),
      }),
    );
    expect(detectBursts(usual, NOW, { burstZ: 3, burstMinCount: 10 })).toEqual([]);
  });
});
