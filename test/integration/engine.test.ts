import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Redis } from 'ioredis';
import type { Cache } from '../../src/cache/cache.js';
import { createMemoryCache } from '../../src/cache/memory-cache.js';
import { createRedisCache } from '../../src/cache/redis-cache.js';
import { createChartRenderer } from '../../src/chart/chartjs-renderer.js';
import { createSampleRepository } from '../../src/data/sample-repository.js';
import type { AnswerEvent, AnswerRequest } from '../../src/engine/answer-types.js';
import { joinScenarioDeltas } from '../../src/engine/answer-cache.js';
import { createEngine, type EngineDeps } from '../../src/engine/create-engine.js';
import { RiskXpertError } from '../../src/errors.js';
import { createBaselineForecaster } from '../../src/forecast/baselines/index.js';
import type { Forecaster } from '../../src/forecast/forecaster.js';
import { createSelectionForecaster } from '../../src/forecast/selection/selection-forecaster.js';
import { createLogger, createSilentLogger } from '../../src/logger.js';
import { createDeterministicNarrator } from '../../src/narrate/deterministic-narrator.js';
import { createResilientNarrator } from '../../src/narrate/resilient-narrator.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { createRetryingConversationWriter } from '../../src/store/retrying-writer.js';
import type { ConversationRecord, Store } from '../../src/store/store.js';
import { useTestRedis } from '../fakes/test-redis.js';

async function collect(it: AsyncIterable<AnswerEvent>): Promise<AnswerEvent[]> {
  const out: AnswerEvent[] = [];
  for await (const e of it) out.push(e);
  return out;
}

function countingForecaster(inner: Forecaster): Forecaster & { calls: number } {
  const f = {
    id: inner.id,
    version: inner.version,
    calls: 0,
    async forecast(...args: Parameters<Forecaster['forecast']>) {
      f.calls += 1;
      return inner.forecast(...args);
    },
  };
  return f;
}

const chart = createChartRenderer({});
const series = createSampleRepository();

function makeEngine(overrides: Partial<EngineDeps> & { store?: Store } = {}) {
  const store = overrides.store ?? createMemoryStore();
  const writer = createRetryingConversationWriter({ store, maxQueue: 100, baseDelayMs: 5, maxDelayMs: 20 });
  const forecaster = countingForecaster(createBaselineForecaster('drift'));
  const deps: EngineDeps = {
    series,
    forecaster,
    narrator: createResilientNarrator({
      fallback: createDeterministicNarrator(),
      summaryTimeoutMs: 0,
      firstTokenTimeoutMs: 0,
      idleTimeoutMs: 0,
    }),
    chart,
    cache: createMemoryCache({ maxEntries: 100 }),
    cacheTtlSeconds: 60,
    conversations: writer,
    logger: createSilentLogger(),
    maxQuestionChars: 500,
    ...overrides,
  };
  return {
    engine: createEngine(deps),
    store,
    writer,
    forecaster: (overrides.forecaster as typeof forecaster | undefined) ?? forecaster,
  };
}

const ask = (question: string, extra: Partial<AnswerRequest> = {}): AnswerRequest => ({
  platform: 'cli',
  userId: 'cli:test',
  question,
  ...extra,
});

describe('engine, end to end with real parts', () => {
  it('says what forecasted it and its track record: the served selection forecaster, in the event and in the summary', async () => {
    const { engine } = makeEngine({ forecaster: createSelectionForecaster() });
    const events = await collect(engine.answer(ask('S&P 500 in 6 months?', { locale: 'en' })));
    const forecast = events.find((e) => e.type === 'forecast');
    if (forecast?.type !== 'forecast') throw new Error('no forecast event');
    expect(forecast.method).toBe('selection');
    const p = forecast.provenance!;
    // An equity: its median is the random walk's (NAIVE_MEDIAN_FAMILIES, chosen on pre-2016 origins); the band is the selection's.
    expect(p.methods).toEqual(['naive']);
    expect(p.trackRecord).toMatchObject({ horizon: 6, origins: 60 });
    const summary = events.find((e) => e.type === 'summary');
    if (summary?.type !== 'summary') throw new Error('no summary event');
    expect(summary.text).toContain('Forecast by: ');
    expect(summary.text).toContain(`held the outcome ${Math.round(p.trackRecord!.hitRate80 * 100)}% of the time`);
    // The same line, in the language asked, on the event for pages that show it apart, and at the end of the summary.
    expect(forecast.trackRecordLine).toMatch(/^Forecast by: last value\. /u);
    expect(summary.text.endsWith(forecast.trackRecordLine!)).toBe(true);
  });

  it('answers in the documented event order, grounded in the data, and stores the conversation', async () => {
    const { engine, store, writer } = makeEngine();
    const events = await collect(engine.answer(ask('앞으로 6개월 S&P 500 어때?')));
    const types = events.map((e) => e.type);
    expect(types.slice(0, 3)).toEqual(['forecast', 'chart', 'summary']);
    expect(types.at(-1)).toBe('done');
    expect(types.filter((t) => t === 'scenario-delta').length).toBeGreaterThan(0);
    expect(types.every((t, i) => i < 3 || i === types.length - 1 || t === 'scenario-delta')).toBe(true);

    const forecast = events[0]!;
    if (forecast.type !== 'forecast') throw new Error('first event is not forecast');
    expect(forecast.indicator.id).toBe('sp500');
    expect(forecast.horizonMonths).toBe(6);
    expect(forecast.locale).toBe('ko');
    expect(forecast.dates).toEqual([
      '2020-05-31',
      '2020-06-30',
      '2020-07-31',
      '2020-08-31',
      '2020-09-30',
      '2020-10-31',
    ]);
    expect(forecast.history.at(-1)).toEqual({ date: '2020-04-30', value: 2874.560059 });
    expect(forecast.sampleData).toBe(true);
    expect(forecast.facts.lastValue).toBeCloseTo(2874.56, 1);
    for (let h = 0; h < 6; h += 1) {
      const column = forecast.quantiles.map((q) => q[h]!);
      expect([...column].sort((a, b) => a - b)).toEqual(column);
    }

    const chartEvent = events[1]!;
    if (chartEvent.type !== 'chart') throw new Error('second event is not chart');
    expect(Buffer.from(chartEvent.png.subarray(0, 8)).toString('hex')).toBe('89504e470d0a1a0a');
    expect(chartEvent.hash).toMatch(/^[0-9a-f]{64}$/u);

    const summary = events[2]!;
    if (summary.type !== 'summary') throw new Error('third event is not summary');
    expect(summary.text.length).toBeGreaterThan(20);
    expect(summary.narrator).toBe('deterministic');

    const done = events.at(-1)!;
    if (done.type !== 'done') throw new Error('last event is not done');
    expect(done.cached).toBe(false);
    expect(done.timings).toMatchObject({
      forecast: expect.any(Number),
      chart: expect.any(Number),
      total: expect.any(Number),
    });

    await writer.flush(5_000);
    const saved = await store.conversations.get(done.conversationId);
    expect(saved).toMatchObject({
      platform: 'cli',
      userId: 'cli:test',
      cached: false,
      request: { indicatorId: 'sp500', horizonMonths: 6, locale: 'ko' },
    });
    const scenario = events.map((e) => (e.type === 'scenario-delta' ? e.text : '')).join('');
    expect(saved!.scenario).toBe(scenario);
    expect(saved!.summary).toBe(summary.text);
    expect(saved!.chartHash).toBe(chartEvent.hash);
  });

  it('answers in English when asked in English', async () => {
    const { engine } = makeEngine();
    const events = await collect(engine.answer(ask('S&P 500 over the next 12 months?')));
    const forecast = events.find((e) => e.type === 'forecast');
    expect(forecast).toMatchObject({ locale: 'en', horizonMonths: 12 });
    const summary = events.find((e) => e.type === 'summary');
    expect(summary?.type === 'summary' && /[\uac00-\ud7a3]/u.test(summary.text)).toBe(false);
  });

  it('replays a cached answer with the same events (the scenario in one piece), a new conversation and cached=true', async () => {
    const { engine, forecaster, writer, store } = makeEngine();
    const first = await collect(engine.answer(ask('S&P 500 6개월')));
    const second = await collect(engine.answer(ask('  s&p 500   6개월 ')));
    expect(forecaster.calls).toBe(1);
    const strip = (events: AnswerEvent[]) => events.filter((e) => e.type !== 'done');
    const deltas = (events: AnswerEvent[]) => events.filter((e) => e.type === 'scenario-delta');
    expect(deltas(first).length).toBeGreaterThan(1);
    expect(deltas(second)).toHaveLength(1);
    expect(strip(second)).toEqual(joinScenarioDeltas(strip(first)));
    const d1 = first.at(-1)!;
    const d2 = second.at(-1)!;
    expect(d1.type === 'done' && d2.type === 'done').toBe(true);
    if (d1.type !== 'done' || d2.type !== 'done') return;
    expect(d2.cached).toBe(true);
    expect(d2.conversationId).not.toBe(d1.conversationId);
    await writer.flush(5_000);
    const history = await store.conversations.listByUser('cli:test');
    expect(history.map((c) => c.cached).sort()).toEqual([false, true]);
  });

  it('shares one generation between identical concurrent questions (single flight)', async () => {
    const { engine, forecaster } = makeEngine();
    const results = await Promise.all(Array.from({ length: 5 }, () => collect(engine.answer(ask('S&P 500 3개월')))));
    expect(forecaster.calls).toBe(1);
    const summaries = results.map((r) => r.find((e) => e.type === 'summary'));
    expect(new Set(summaries.map((s) => JSON.stringify(s))).size).toBe(1);
    const ids = results.map((r) => r.at(-1)).map((d) => (d?.type === 'done' ? d.conversationId : ''));
    expect(new Set(ids).size).toBe(5);
  });

  it('asks back about a question outside its subjects, naming and offering only what has data', async () => {
    const { engine } = makeEngine();
    const events = await collect(engine.answer(ask('오늘 점심 뭐 먹지?')));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'clarify',
      reason: 'unsupported-subject',
      choices: [{ indicatorId: 'sp500', label: 'S&P 500' }],
    });
    expect(events[0]!.type === 'clarify' && events[0]!.message).toMatch(/금융 지표.*S&P 500/su);
    expect(events[0]!.type === 'clarify' && events[0]!.message).not.toMatch(/코스피/u);
    const unknown = await collect(engine.answer(ask('x', { indicatorId: 'nope' })));
    expect(unknown).toEqual([expect.objectContaining({ type: 'error', code: 'UNKNOWN_INDICATOR', retryable: false })]);
  });

  it('asks back for an ambiguous or empty question, and the choice completes the answer', async () => {
    const points = Array.from({ length: 48 }, (_, i) => ({
      date: `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-28`,
      value: 3 + Math.sin(i / 5),
    }));
    const rates: typeof series = {
      async get(id) {
        if (id !== 'us10y' && id !== 'kr_base_rate') throw new RiskXpertError('SERIES_NOT_FOUND', id);
        return { indicatorId: id, frequency: 'M', points, version: `t-${id}`, source: 'test', sample: false };
      },
      async available() {
        return ['us10y', 'kr_base_rate'];
      },
    };
    const { engine } = makeEngine({ series: rates, now: () => Date.parse('2026-12-02T00:00:00Z') });
    const [asked] = await collect(engine.answer(ask('금리 연말 전망')));
    expect(asked).toMatchObject({ type: 'clarify', reason: 'ambiguous-indicator' });
    if (asked?.type !== 'clarify') throw new Error('not asked back');
    // Only indicators with data are offered; the calendar target counts from each one's last observation (2026-12).
    expect(asked.choices).toEqual([
      { label: '한은 기준금리', indicatorId: 'kr_base_rate', horizonMonths: 1 },
      { label: '미국 10년물', indicatorId: 'us10y', horizonMonths: 1 },
    ]);
    const pick = asked.choices[1]!;
    const answered = await collect(
      engine.answer(ask('금리 연말 전망', { indicatorId: pick.indicatorId!, horizonMonths: pick.horizonMonths! })),
    );
    expect(answered.map((e) => e.type).at(-1)).toBe('done');
    expect(answered[0]).toMatchObject({ type: 'forecast', indicator: { id: 'us10y' }, horizonMonths: 1 });

    const [empty] = await collect(engine.answer(ask('   ')));
    expect(empty).toMatchObject({
      type: 'clarify',
      reason: 'empty-question',
      message: expect.stringMatching(/^질문을 입력해 주세요/u),
    });
    const defaulted = await collect(engine.answer(ask('', { indicatorId: 'kr_base_rate' })));
    const summary = defaulted.find((e) => e.type === 'summary');
    expect(summary?.type === 'summary' && summary.text).toMatch(/^기간을 말하지 않아 6개월로 봤어요\. /u);
    expect(defaulted[0]).toMatchObject({
      type: 'forecast',
      horizonMonths: 6,
      assumptions: ['기간을 말하지 않아 6개월로 봤어요.'],
    });
  });

  it('refuses an oversized question, reads a far horizon as the nearest one, refuses an out-of-range field', async () => {
    const { engine } = makeEngine();
    const long = await collect(engine.answer(ask(`코스피 ${'가'.repeat(600)}`)));
    expect(long).toEqual([expect.objectContaining({ type: 'error', code: 'QUESTION_TOO_LONG' })]);
    // A horizon said in words is answered at the nearest supported one, and the answer says so.
    const far = await collect(engine.answer(ask('S&P 500 36개월')));
    expect(far[0]).toMatchObject({
      type: 'forecast',
      horizonMonths: 24,
      assumptions: [expect.stringMatching(/최대 24개월.*요청: 36개월/u)],
    });
    const farSummary = far.find((e) => e.type === 'summary');
    expect(farSummary?.type === 'summary' && farSummary.text).toMatch(
      /^자료가 2020년 4월 17일까지만 있어[^.]*\. 예측은 최대 24개월까지라 24개월로 봤어요/u,
    );
    // An explicit field out of range (an API caller) is still refused.
    const explicit = await collect(engine.answer(ask('S&P 500', { horizonMonths: 36 })));
    expect(explicit).toEqual([expect.objectContaining({ type: 'error', code: 'HORIZON_OUT_OF_RANGE' })]);
    const bad = await collect(
      engine.answer({ platform: 'nowhere', userId: '', question: 'x' } as unknown as AnswerRequest),
    );
    expect(bad).toEqual([expect.objectContaining({ type: 'error', code: 'BAD_REQUEST' })]);
  });

  it('says which indicators have data when the asked one has none', async () => {
    const { engine } = makeEngine();
    const events = await collect(engine.answer(ask('앞으로 6개월 코스피 어때?')));
    expect(events).toEqual([expect.objectContaining({ type: 'error', code: 'SERIES_NOT_FOUND' })]);
    expect(events[0]!.type === 'error' && events[0]!.message).toMatch(/코스피.*S&P 500/su);
  });

  it('still answers when the cache backend is down', async () => {
    const broken: Cache = {
      kind: 'redis',
      get: async () => {
        throw new RiskXpertError('CACHE_UNAVAILABLE', 'down');
      },
      set: async () => {
        throw new RiskXpertError('CACHE_UNAVAILABLE', 'down');
      },
      delete: async () => undefined,
      ping: async () => false,
      close: async () => undefined,
    };
    const lines: { msg: string; requestId?: string }[] = [];
    const logger = createLogger({
      level: 'warn',
      destination: new Writable({
        write(chunk: Buffer, _enc, done) {
          for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l) as (typeof lines)[0]);
          done();
        },
      }),
    });
    const { engine } = makeEngine({ cache: broken, logger });
    const events = await collect(engine.answer(ask('S&P 500 6개월', { requestId: 'cache-down-1' })));
    expect(events.at(-1)).toMatchObject({ type: 'done', cached: false });
    // The failures are logged with the request they slowed, passed along explicitly (no async context).
    expect(lines.find((l) => l.msg === 'cache read failed; answering without cache')?.requestId).toBe('cache-down-1');
    await vi.waitFor(() => expect(lines.find((l) => l.msg === 'cache write failed')?.requestId).toBe('cache-down-1'));
  });

  it('never loses a conversation when the store fails for a while', async () => {
    const inner = createMemoryStore();
    let failures = 3;
    const flaky: Store = {
      ...inner,
      conversations: {
        ...inner.conversations,
        async save(record: ConversationRecord) {
          if (failures > 0) {
            failures -= 1;
            throw new RiskXpertError('STORE_UNAVAILABLE', 'mongo down');
          }
          return inner.conversations.save(record);
        },
      },
    };
    const { engine, writer } = makeEngine({ store: flaky });
    const events = await collect(engine.answer(ask('S&P 500 6개월')));
    const done = events.at(-1)!;
    expect(done.type).toBe('done');
    await writer.flush(10_000);
    expect(failures).toBe(0);
    expect(done.type === 'done' && (await inner.conversations.get(done.conversationId))?.id).toBe(
      done.type === 'done' ? done.conversationId : '',
    );
  });
});

describe('stale data', () => {
  it('asks for a refresh when live data is old, never for the offline sample, and still answers', async () => {
    const stale: string[] = [];
    const live = {
      async get() {
        const points = Array.from({ length: 40 }, (_, i) => ({
          date: `${2020 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-28`,
          value: 100 + i,
        }));
        return { indicatorId: 'gold', frequency: 'M' as const, points, version: 'v1', source: 'etl', sample: false };
      },
      async available() {
        return ['gold'];
      },
    };
    const { engine } = makeEngine({ series: live, onStaleSeries: (id, last) => stale.push(`${id}@${last}`) });
    const events = await collect(engine.answer(ask('금값 6개월')));
    expect(events.at(-1)).toMatchObject({ type: 'done' });
    expect(stale).toEqual(['gold@2023-04-28']);
    const sample = makeEngine({ onStaleSeries: (id) => stale.push(id) });
    await collect(sample.engine.answer(ask('S&P 500 6개월')));
    expect(stale).toHaveLength(1);
  });
});

describe('engine with the Redis cache (a real Redis of its own)', () => {
  const testRedis = useTestRedis();
  let redis: Redis;
  const prefix = `rx-test:${process.pid}:${Date.now()}:`;
  beforeAll(async () => {
    redis = new Redis(testRedis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
  });
  afterAll(async () => {
    await redis?.quit();
  });

  it('a second engine (another process) replays the answer the first one cached', async () => {
    const cacheA = createRedisCache({ redis, keyPrefix: prefix, commandTimeoutMs: 2_000 });
    const a = makeEngine({ cache: cacheA });
    const b = makeEngine({ cache: createRedisCache({ redis, keyPrefix: prefix, commandTimeoutMs: 2_000 }) });
    const first = await collect(a.engine.answer(ask('S&P 500 9개월')));
    // the cache write is fire-and-forget; wait until it lands
    for (let i = 0; i < 100 && (await redis.keys(`${prefix}*`)).length === 0; i += 1)
      await new Promise((r) => setTimeout(r, 20));
    const second = await collect(b.engine.answer(ask('S&P 500 9개월')));
    expect(b.forecaster.calls).toBe(0);
    expect(second.at(-1)).toMatchObject({ type: 'done', cached: true });
    expect(second.find((e) => e.type === 'chart')).toEqual(first.find((e) => e.type === 'chart'));
  });
});
