import { describe, expect, it } from 'vitest';
import { alertLine, explainAlert } from '../../src/alerts/alert-text.js';
import { eventKey, evaluateSubscriptions } from '../../src/alerts/evaluate-subscriptions.js';
import { parseQuietHours, quietDelayMs, seoulMinuteOfDay } from '../../src/alerts/quiet-hours.js';
import { getIndicator } from '../../src/data/catalog.js';
import { dedupKey, type ThreatRule } from '../../src/sim/threat-rules.js';
import type { Subscription } from '../../src/store/subscription-store.js';
import { planNotifyJobs } from '../../workers/alerts-fanout.js';
import { crossingSeries, DRAWDOWN_10 } from '../fakes/alert-harness.js';

const kospi = getIndicator('kospi')!;
const DD = DRAWDOWN_10 as ThreatRule;
const sub = (over: Partial<Subscription>): Subscription => ({
  id: `s_${'0'.repeat(23)}${Math.floor(Math.random() * 10)}`,
  userId: 'telegram:1',
  platform: 'telegram',
  target: '1',
  locale: 'ko',
  indicatorId: 'kospi',
  rule: DRAWDOWN_10,
  optIn: false,
  active: true,
  createdAt: new Date(0),
  ...over,
});

describe('quiet hours (Asia/Seoul)', () => {
  // 2026-01-01 23:30 in Seoul is 14:30 UTC.
  const at = Date.UTC(2026, 0, 1, 14, 30, 15);
  it('holds a push until the quiet period ends, across midnight, to the exact minute', () => {
    expect(seoulMinuteOfDay(at)).toBe(23 * 60 + 30);
    expect(quietDelayMs({ startMinute: 23 * 60, endMinute: 7 * 60 }, at)).toBe((7 * 60 + 30) * 60_000 - 15_000);
    expect(quietDelayMs({ startMinute: 9 * 60, endMinute: 18 * 60 }, at)).toBe(0);
    expect(quietDelayMs(undefined, at)).toBe(0);
    expect(parseQuietHours('23:00-07:00')).toEqual({ startMinute: 1_380, endMinute: 420 });
    expect(parseQuietHours('22~6')).toEqual({ startMinute: 1_320, endMinute: 360 });
    expect(parseQuietHours('25:00-07:00')).toBeUndefined();
  });
});

describe('alert explanation', () => {
  const event = { rule: 'drawdown' as const, date: '2026-07-20', value: 2150, measure: -14.07 };
  it('is one deterministic line per language, numbers from the event only', () => {
    // Korean: the unit as in answers, no double negative ("−14.1% 떨어졌습니다"), and the particle read from the name.
    expect(alertLine(event, DRAWDOWN_10, kospi, 'ko')).toBe(
      '⚠️ 코스피가 최근 90일 고점 대비 14.1% 떨어졌습니다 (2026-07-20 2,150.0포인트, 기준 10%).',
    );
    expect(alertLine(event, DRAWDOWN_10, getIndicator('usdkrw')!, 'ko')).toMatch(/^⚠️ 원\/달러 환율이 /u);
    expect(alertLine(event, DRAWDOWN_10, kospi, 'en')).toBe(
      '⚠️ KOSPI is 14.1% below its 90-day peak (2,150.0 pt on 2026-07-20; threshold 10%).',
    );
  });
  it('takes the LLM line only when it is in time, one line, and keeps every number', async () => {
    const line = alertLine(event, DRAWDOWN_10, kospi, 'en');
    const better = 'KOSPI has fallen −14.1% from its 90-day peak to 2,150.0 pt on 2026-07-20 (your threshold: 10%).';
    expect(await explainAlert(line, { improve: async () => better, timeoutMs: 500 })).toBe(better);
    expect(await explainAlert(line, { improve: async () => 'KOSPI fell 20%!', timeoutMs: 500 })).toBe(line);
    expect(
      await explainAlert(line, { improve: () => new Promise((r) => setTimeout(() => r(better), 300)), timeoutMs: 50 }),
    ).toBe(line);
    expect(await explainAlert(line, { improve: async () => Promise.reject(new Error('down')), timeoutMs: 500 })).toBe(
      line,
    );
    expect(await explainAlert(line, { timeoutMs: 500 })).toBe(line);
  });
});

describe('evaluation and fan-out planning', () => {
  const points = crossingSeries();
  it('evaluates a shared rule once; every subscriber gets the deterministic delivery key', () => {
    const a = sub({ id: 's_aaaaaaaaaaaaaaaaaaaaaaaa' });
    const b = sub({
      id: 's_bbbbbbbbbbbbbbbbbbbbbbbb',
      platform: 'kakao',
      userId: 'kakao:k1',
      target: 'k1',
      optIn: true,
    });
    const stop = sub({ id: 's_cccccccccccccccccccccccc', rule: { kind: 'stop-loss', thresholdPct: 10 } });
    const { events, due } = evaluateSubscriptions({
      indicatorId: 'kospi',
      points,
      subscriptions: [a, b, stop],
      averagePrice: (s) => (s.id === stop.id ? 2_500 : undefined),
    });
    expect(events.size).toBe(2);
    const key = eventKey(DD, 'kospi', '2026-07-20');
    expect(events.get(key)!.event.measure).toBeCloseTo(-14.07, 2);
    expect(due.map((d) => d.deliveryKey)).toEqual([
      dedupKey(a.id, DD, 'kospi', '2026-07-20'),
      dedupKey(b.id, DD, 'kospi', '2026-07-20'),
      dedupKey(stop.id, { kind: 'stop-loss', thresholdPct: 10, averagePrice: 2_500 }, 'kospi', '2026-07-20'),
    ]);
    // No position, no stop-loss to evaluate.
    expect(evaluateSubscriptions({ indicatorId: 'kospi', points, subscriptions: [stop] }).due).toEqual([]);
    // No crossing on a calm series.
    expect(
      evaluateSubscriptions({ indicatorId: 'kospi', points: crossingSeries(2_490), subscriptions: [a] }).due,
    ).toEqual([]);
  });

  it('plans one job per Telegram/Discord delivery and Kakao batches of 100, skipping Discord/Kakao users who did not opt in', () => {
    const kakao = Array.from({ length: 250 }, (_, i) =>
      sub({
        id: `s_${String(i).padStart(24, '0')}`,
        platform: 'kakao',
        userId: `kakao:k${i}`,
        target: `k${i}`,
        optIn: i !== 7,
      }),
    );
    const tg = sub({ id: 's_ffffffffffffffffffffffff', quietHours: { startMinute: 0, endMinute: 1_439 } });
    const discordNoOpt = sub({
      id: 's_dddddddddddddddddddddddd',
      platform: 'discord',
      userId: 'discord:9',
      target: '9',
    });
    const { events, due } = evaluateSubscriptions({
      indicatorId: 'kospi',
      points,
      subscriptions: [...kakao, tg, discordNoOpt],
    });
    const stored = new Map(
      [...events.values()].map((e) => [
        e.key,
        {
          key: e.key,
          indicatorId: 'kospi',
          rule: e.rule.kind,
          params: e.params,
          date: e.event.date,
          value: e.event.value,
          measure: e.event.measure,
          text: { ko: '알림', en: 'alert' },
          createdAt: new Date(),
        },
      ]),
    );
    const jobs = planNotifyJobs(due, stored, Date.UTC(2026, 0, 1, 3, 0));
    expect(jobs.filter((j) => j.platform === 'discord')).toEqual([]);
    const batches = jobs.filter((j) => j.platform === 'kakao');
    expect(batches.map((j) => j.data.items.length)).toEqual([100, 100, 49]);
    expect(new Set(batches.flatMap((j) => j.data.items.map((i) => i.target))).has('k7')).toBe(false);
    const t = jobs.find((j) => j.platform === 'telegram')!;
    expect(t.opts.jobId).toBe(due.find((d) => d.subscription.id === tg.id)!.deliveryKey);
    expect(t.opts.delay).toBeGreaterThan(0);
    // Planned again (a retried alerts job): the same job ids.
    expect(planNotifyJobs(due, stored, Date.UTC(2026, 0, 1, 3, 0)).map((j) => j.opts.jobId)).toEqual(
      jobs.map((j) => j.opts.jobId),
    );
  });
});
