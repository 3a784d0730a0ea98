import { afterEach, describe, expect, it } from 'vitest';
import { createChartRenderer } from '../../src/chart/chartjs-renderer.js';
import { loadConfig } from '../../src/config.js';
import { createEngine } from '../../src/engine/create-engine.js';
import { createDeterministicNarrator } from '../../src/narrate/deterministic-narrator.js';
import type { AnswerEvent, ForecastEvent } from '../../src/engine/answer-types.js';
import { createFredProvider } from '../../src/data/providers/fred-provider.js';
import { createSilentLogger } from '../../src/logger.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { loadIndicator } from '../../workers/etl-queue.js';
import { startFredServer } from '../fakes/fred-server.js';

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Weekday closes for about three years, the last one `endDaysAgo` days before now. */
function rows(endDaysAgo: number): { date: string; value: string }[] {
  const out: { date: string; value: string }[] = [];
  const end = Date.now() - endDaysAgo * DAY;
  for (let t = end - 3 * 365 * DAY; t <= end; t += DAY) {
    const d = new Date(t);
    if (d.getUTCDay() === 0 || d.getUTCDay() === 6) continue;
    out.push({ date: isoDay(t), value: (4_000 + out.length * 0.8 + Math.sin(out.length / 9) * 40).toFixed(2) });
  }
  return out;
}

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!().catch(() => undefined);
});

async function ask(
  rt: Runtime,
  question: string,
  locale: 'ko' | 'en',
): Promise<{ forecast: ForecastEvent; summary: string; cached: boolean }> {
  const events: AnswerEvent[] = [];
  for await (const e of rt.engine.answer({ platform: 'cli', userId: 'cli:stale', question, locale })) events.push(e);
  const error = events.find((e) => e.type === 'error');
  expect(error, JSON.stringify(error)).toBeUndefined();
  const forecast = events.find((e): e is ForecastEvent => e.type === 'forecast')!;
  const summary = events.find((e) => e.type === 'summary');
  const done = events.find((e) => e.type === 'done');
  return {
    forecast,
    summary: summary?.type === 'summary' ? summary.text : '',
    cached: done?.type === 'done' && done.cached,
  };
}

describe('provider down: the answer is built on the last good data and says how old it is', () => {
  it('a FRED that keeps failing leaves the last load in the store; Korean and English answers state its date and age', async () => {
    // S&P 500 is a monthly series here: stale once its month is older than the month before last.
    const lastDaysAgo = 100;
    const fred = await startFredServer({ series: { SP500: rows(lastDaysAgo) } });
    closers.push(() => fred.close());
    const rt = await createRuntime(loadConfig({ FORECASTER: 'drift' }), { logger: createSilentLogger() });
    closers.push(() => rt.close());
    const binding = {
      source: createFredProvider({ baseUrl: fred.url, retries: 0, minBackoffMs: 1, maxBackoffMs: 1, timeoutMs: 2_000 }),
      symbol: 'SP500',
      cron: '0 7 * * *',
    };

    // The last good load, then a provider that fails every pass: nothing new, nothing lost.
    const good = await loadIndicator({ indicatorId: 'sp500', binding, store: rt.seriesStore });
    expect(good.changed).toBe(true);
    const expectedLast = rows(lastDaysAgo).at(-1)!.date;
    for (let i = 0; i < 3; i += 1) {
      fred.misbehave(500);
      await expect(loadIndicator({ indicatorId: 'sp500', binding, store: rt.seriesStore })).rejects.toThrow();
    }
    expect((await rt.seriesStore.read('sp500'))?.points.at(-1)?.date).toBe(expectedLast);

    const ageDays = Math.floor((Date.now() - Date.parse(`${expectedLast}T00:00:00Z`)) / DAY);
    const ko = await ask(rt, 'S&P 500 3개월 전망', 'ko');
    expect(ko.forecast.dataAsOf).toBe(expectedLast);
    expect(ko.forecast.staleData).toEqual({ lastDate: expectedLast, ageDays, reason: 'load-failed' });
    expect(ko.forecast.sampleData).toBe(false);
    // The S&P 500 is monthly: its data is named by its month, in the first sentence, and the horizon counts from it.
    const month = `${Number(expectedLast.slice(0, 4))}년 ${Number(expectedLast.slice(5, 7))}월`;
    const firstSentence = ko.summary.split(/(?<=다\.) /u)[0]!;
    expect(firstSentence).toBe(`최신 데이터를 불러오지 못해 ${month}까지의 자료(${ageDays}일 전)로 답했습니다.`);
    expect(ko.summary).toContain(`${month} 자료 기준, 3개월 뒤인`);

    const en = await ask(rt, 'S&P 500 outlook for 3 months', 'en');
    expect(en.summary).toMatch(
      new RegExp(
        `^The latest data could not be loaded, so this answer uses data up to \\w+ \\d{4} \\(${ageDays} days ago\\)\\.`,
        'u',
      ),
    );

    // The replay from the cache still says so (the staleness is part of what was cached, and of its key).
    const again = await ask(rt, 'S&P 500 3개월 전망', 'ko');
    expect(again.cached).toBe(true);
    expect(again.summary).toBe(ko.summary);
    expect(again.forecast.staleData).toEqual({ lastDate: expectedLast, ageDays, reason: 'load-failed' });
  });

  it('current data carries its date and no notice; the same data, once aged, is not replayed from the cache as current', async () => {
    const rt = await createRuntime(loadConfig({ FORECASTER: 'drift' }), { logger: createSilentLogger() });
    closers.push(() => rt.close());
    const fresh = rows(1).map((r) => ({ date: r.date, value: Number(r.value) }));
    await rt.seriesStore.upsert('sp500', fresh, { source: 'fred' });
    const a = await ask(rt, 'S&P 500 3개월 전망', 'ko');
    expect(a.forecast.staleData).toBeUndefined();
    expect(a.forecast.dataAsOf).toBe(fresh.at(-1)!.date);
    expect(a.summary).not.toMatch(/불러오지 못해|까지만 있어|자료 기준/u);
    expect((await ask(rt, 'S&P 500 3개월 전망', 'ko')).cached).toBe(true);

    // The same stored data seen by an engine whose clock is 100 days on (a long cache TTL, a stuck provider).
    const later = createEngine({
      series: rt.series,
      forecaster: rt.forecaster,
      narrator: createDeterministicNarrator(),
      chart: createChartRenderer({}),
      cache: rt.cache,
      cacheTtlSeconds: 3_600,
      conversations: { write: () => undefined },
      logger: createSilentLogger(),
      maxQuestionChars: 500,
      now: () => Date.now() + 100 * DAY,
    });
    const events: AnswerEvent[] = [];
    for await (const e of later.answer({
      platform: 'cli',
      userId: 'cli:stale',
      question: 'S&P 500 3개월 전망',
      locale: 'ko',
    }))
      events.push(e);
    const done = events.find((e) => e.type === 'done');
    expect(done?.type === 'done' && done.cached).toBe(false);
    const summary = events.find((e) => e.type === 'summary');
    expect(summary?.type === 'summary' && summary.text).toMatch(
      /^최신 데이터를 불러오지 못해 \d{4}년 \d{1,2}월까지의 자료\(10[01]일 전\)로 답했습니다\./u,
    );
  });
});
