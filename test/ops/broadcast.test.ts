import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBroadcasts, type BroadcastTarget } from '../../src/ops/broadcast.js';
import { createMemorySubscriptionStore } from '../../src/store/memory-subscription-store.js';
import { checkDeliveryKey } from '../../src/store/delivery-store.js';
import type { SubscriptionStore } from '../../src/store/subscription-store.js';
import { notifyBroadcastQueue } from '../../workers/broadcast-queue.js';
import { closeNotifyQueues, createNotifyQueues, type NotifyQueues } from '../../workers/notify-queue.js';
import { useTestRedis } from '../fakes/test-redis.js';

const redis = useTestRedis();
let subs: SubscriptionStore;
let queues: NotifyQueues;

const drawdown = { kind: 'drawdown', lookbackDays: 20, thresholdPct: 10 } as const;
const move = { kind: 'move', period: 'day', thresholdPct: 3 } as const;

beforeAll(async () => {
  subs = createMemorySubscriptionStore();
  await subs.init();
  queues = createNotifyQueues(redis.connection(), 'bc-test');
  // Telegram 1: two rules on kospi (one message), telegram 2: sp500 only, en.
  await subs.add({ userId: 'telegram:1', platform: 'telegram', target: '1', indicatorId: 'kospi', rule: drawdown });
  await subs.add({ userId: 'telegram:1', platform: 'telegram', target: '1', indicatorId: 'kospi', rule: move });
  await subs.add({
    userId: 'telegram:2',
    platform: 'telegram',
    target: '2',
    locale: 'en',
    indicatorId: 'sp500',
    rule: move,
  });
  // Discord: one opted in, one not (never pushed to); Kakao opted in on kospi.
  await subs.add({
    userId: 'discord:d1',
    platform: 'discord',
    target: 'd1',
    indicatorId: 'kospi',
    rule: move,
    optIn: true,
  });
  await subs.add({ userId: 'discord:d2', platform: 'discord', target: 'd2', indicatorId: 'kospi', rule: move });
  await subs.add({
    userId: 'kakao:k1',
    platform: 'kakao',
    target: 'k1',
    indicatorId: 'kospi',
    rule: move,
    optIn: true,
  });
  // Unsubscribed later: not a recipient.
  const gone = await subs.add({
    userId: 'telegram:3',
    platform: 'telegram',
    target: '3',
    indicatorId: 'kospi',
    rule: move,
  });
  await subs.remove('telegram:3', gone.id);
});
afterAll(async () => {
  await closeNotifyQueues(queues);
});

async function jobs() {
  const out: { platform: string; targets: string[]; text: string; eventKey: string }[] = [];
  for (const [platform, q] of Object.entries(queues)) {
    for (const j of await q.getJobs(['waiting', 'delayed', 'prioritized'])) {
      // The notify worker's delivery ledger accepts only its key format.
      for (const i of j.data.items) expect(checkDeliveryKey(i.deliveryKey)).toBe(i.deliveryKey);
      out.push({ platform, targets: j.data.items.map((i) => i.target), text: j.data.text, eventKey: j.data.eventKey });
    }
  }
  return out.sort((a, b) => (a.targets[0]! < b.targets[0]! ? -1 : 1));
}

describe('broadcast through the notify queues', () => {
  it('refuses a send without the matching preview and queues nothing', async () => {
    const b = createBroadcasts({ subscriptions: subs, queue: notifyBroadcastQueue(queues) });
    const target: BroadcastTarget = { kind: 'indicator', indicatorId: 'kospi' };
    await expect(b.send(target, 'Maintenance at 02:00 KST', '0'.repeat(64))).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    const p = await b.preview(target, 'Maintenance at 02:00 KST');
    // The preview of another text does not confirm this one.
    await expect(b.send(target, 'Something else', p.confirm)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await jobs()).toEqual([]);
  });

  it('reaches exactly the subscribers of the indicator, one message per chat', async () => {
    const b = createBroadcasts({ subscriptions: subs, queue: notifyBroadcastQueue(queues) });
    const target: BroadcastTarget = { kind: 'indicator', indicatorId: 'kospi' };
    const p = await b.preview(target, '점검 안내');
    expect(p.counts).toEqual({ telegram: 1, discord: 1, kakao: 1 });
    expect(p.total).toBe(3);
    expect(p.texts.ko).toBe('[RiskXpert 공지]\n점검 안내');
    const sent = await b.send(target, '점검 안내', p.confirm);
    expect(sent.counts).toEqual(p.counts);
    const got = await jobs();
    expect(got.map((j) => [j.platform, j.targets])).toEqual([
      ['telegram', ['1']],
      ['discord', ['d1']],
      ['kakao', ['k1']],
    ]);
    expect(new Set(got.map((j) => j.text))).toEqual(new Set(['[RiskXpert 공지]\n점검 안내']));
    // Sending the same confirmed broadcast again adds no job (job ids are the delivery keys).
    await b.send(target, '점검 안내', p.confirm);
    expect(await jobs()).toHaveLength(3);
    await Promise.all(Object.values(queues).map((q) => q.obliterate({ force: true })));
  });

  it('a platform target reaches every indicator subscriber on that platform, in their language', async () => {
    const b = createBroadcasts({ subscriptions: subs, queue: notifyBroadcastQueue(queues) });
    const target: BroadcastTarget = { kind: 'platform', platform: 'telegram' };
    const p = await b.preview(target, 'hello');
    expect(p.counts).toEqual({ telegram: 2, discord: 0, kakao: 0 });
    await b.send(target, 'hello', p.confirm);
    const got = await jobs();
    expect(got.map((j) => [j.platform, j.targets, j.text])).toEqual([
      ['telegram', ['1'], '[RiskXpert 공지]\nhello'],
      ['telegram', ['2'], '[RiskXpert notice]\nhello'],
    ]);
  });

  it('a changed audience voids the preview', async () => {
    const b = createBroadcasts({ subscriptions: subs, queue: notifyBroadcastQueue(queues) });
    const target: BroadcastTarget = { kind: 'platform', platform: 'kakao' };
    const p = await b.preview(target, 'x');
    await subs.add({
      userId: 'kakao:k2',
      platform: 'kakao',
      target: 'k2',
      indicatorId: 'sp500',
      rule: move,
      optIn: true,
    });
    await expect(b.send(target, 'x', p.confirm)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('without the queue a send is refused with a clear error', async () => {
    const b = createBroadcasts({ subscriptions: subs });
    const p = await b.preview({ kind: 'platform', platform: 'discord' }, 'x');
    await expect(b.send({ kind: 'platform', platform: 'discord' }, 'x', p.confirm)).rejects.toMatchObject({
      code: 'PROVIDER_FAILED',
    });
  });
});
