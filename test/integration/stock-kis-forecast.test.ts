import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { loadConfig } from '../../src/config.js';
import { formatDay } from '../../src/narrate/format-number.js';
import { openStores } from '../../src/store/open-stores.js';
import { loadIndicator } from '../../workers/etl-queue.js';
import { buildEtlSources } from '../../workers/etl-sources.js';
import { startKisServer, type KisFake } from '../fakes/kis-server.js';
import { randomWalk } from '../fakes/random-walk.js';

const APP_KEY = 'PSstockforecastkey0123456789';
const APP_SECRET = 'stock-forecast-secret-0123456789';

/** Weekdays up to the one before today (UTC), newest last, closes in whole won. */
function closes(n: number): { date: string; value: number }[] {
  const dates: string[] = [];
  for (let t = Date.now() - 86_400_000; dates.length < n; t -= 86_400_000) {
    if (![0, 6].includes(new Date(t).getUTCDay())) dates.unshift(new Date(t).toISOString().slice(0, 10));
  }
  const walk = randomWalk(n, 21, 0.015, 70_000);
  return dates.map((date, i) => ({ date, value: Math.round(walk[i]!) }));
}

const SAMSUNG = closes(1_500);
let kis: KisFake;
let env: Record<string, string>;

beforeAll(async () => {
  kis = await startKisServer({
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    stocks: { '005930': SAMSUNG },
    tokenMinIntervalMs: 0,
  });
  env = {
    LOG_LEVEL: 'silent',
    RISKXPERT_HOME: await mkdtemp(join(tmpdir(), 'rx-stock-kis-')),
    KIS_APP_KEY: APP_KEY,
    KIS_APP_SECRET: APP_SECRET,
    KIS_BASE_URL: kis.url,
    ETL_PROVIDERS: 'kis',
  };
});
afterAll(() => kis.close());

describe('a stock forecast from KIS daily item chart prices (KIS stand-in → ETL → embedded database → ask)', () => {
  it('the ETL pages inquire-daily-itemchartprice into the store, and the answer is built on those prices', async () => {
    const config = loadConfig(env);
    const stores = openStores(config);
    try {
      const { resolve } = await buildEtlSources(config, { tuning: { requestsPerSecond: 1_000, retries: 0 } });
      const binding = resolve('stock:005930');
      expect(binding).toMatchObject({ symbol: '005930', market: 'KRX' });
      const loaded = await loadIndicator({ indicatorId: 'stock:005930', binding: binding!, store: stores.series });
      expect(loaded).toMatchObject({ fetched: SAMSUNG.length, inserted: SAMSUNG.length });
    } finally {
      await stores.close();
    }
    const charts = kis.requests.filter((r) => r.path.endsWith('/inquire-daily-itemchartprice'));
    expect(charts.length).toBeGreaterThanOrEqual(15);
    expect(charts[0]!.headers['tr_id']).toBe('FHKST03010100');
    expect(charts[0]!.query.get('FID_INPUT_ISCD')).toBe('005930');

    let out = '';
    const code = await main(['ask', '삼성전자 3개월 전망'], [], env, { out: (t) => (out += t), err: () => undefined });
    expect(code).toBe(0);
    const last = SAMSUNG.at(-1)!;
    expect(out).toContain(`삼성전자(005930) (원) · 마지막 값 ${last.value.toLocaleString('en-US')} (${last.date})`);
    expect(out).toMatch(/자료: kis:005930/u);
    expect(out).toContain(`삼성전자(005930)의 3개월 뒤`);
    expect(out).toContain(`${formatDay(last.date, 'ko')} ${last.value.toLocaleString('en-US')}원 대비`);
  });
});
