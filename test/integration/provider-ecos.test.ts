import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RiskXpertError } from '../../src/errors.js';
import { rejection } from '../fakes/rejection.js';
import {
  createEcosProvider,
  fromEcosTime,
  parseEcosSymbol,
  toEcosTime,
  type EcosProviderOptions,
} from '../../src/data/providers/ecos-provider.js';
import { startEcosServer, type EcosFake } from '../fakes/ecos-server.js';

const KEY = 'ECOSKEY0123456789ABCD';
const fmt = (d: string) => d.replace(/-/gu, '');

/** Weekday KRW/USD fixings ending 2025-06-30, ECOS-style strings with a thousands separator. */
function dailyFx(n: number): { date: string; time: string; value: string }[] {
  const out: { date: string; time: string; value: string }[] = [];
  const d = new Date('2025-06-30T00:00:00Z');
  while (out.length < n) {
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6)
      out.push({ date: d.toISOString().slice(0, 10), time: fmt(d.toISOString().slice(0, 10)), value: '' });
    d.setUTCDate(d.getUTCDate() - 1);
  }
  return out.reverse().map((p, i) => ({ ...p, value: (1300 + 20 * Math.sin(i / 9) + i * 0.01).toFixed(1) }));
}

const FX = dailyFx(2_345);
const BASE_RATE = Array.from({ length: 60 }, (_, i) => ({
  time: `${2020 + Math.floor(i / 12)}${String((i % 12) + 1).padStart(2, '0')}`,
  value: (0.5 + Math.floor(i / 6) * 0.25).toFixed(2),
}));
const CPI_Q = Array.from({ length: 8 }, (_, i) => ({
  time: `${2023 + Math.floor(i / 4)}Q${(i % 4) + 1}`,
  value: String(110 + i),
}));
const GDP_A = [
  { time: '2022', value: '2,161,774' },
  { time: '2023', value: '2,236,329' },
  { time: '2024', value: '-' },
];

describe('ECOS StatisticSearch wire format', () => {
  it('maps each cycle to its date format and back (periods dated on their first day)', () => {
    expect(['D', 'M', 'Q', 'A'].map((c) => toEcosTime('2024-08-15', c as 'D'))).toEqual([
      '20240815',
      '202408',
      '2024Q3',
      '2024',
    ]);
    expect([
      fromEcosTime('20240815', 'D'),
      fromEcosTime('202408', 'M'),
      fromEcosTime('2024Q3', 'Q'),
      fromEcosTime('2024', 'A'),
    ]).toEqual(['2024-08-15', '2024-08-01', '2024-07-01', '2024-01-01']);
    expect(fromEcosTime('202408', 'D')).toBeUndefined();
    expect(parseEcosSymbol('731Y001/D/0000001')).toEqual({ statCode: '731Y001', cycle: 'D', items: ['0000001'] });
    expect(() => parseEcosSymbol('731Y001/W/0000001')).toThrow(/cycle D, M, Q or A/u);
    expect(() => parseEcosSymbol('731Y001/D')).toThrow(RiskXpertError);
  });
});

describe('ECOS provider against the ECOS stand-in', () => {
  let ecos: EcosFake;
  const make = (extra: Partial<EcosProviderOptions> = {}) =>
    createEcosProvider({
      apiKey: KEY,
      baseUrl: ecos.url,
      requestsPerSecond: 1_000,
      minBackoffMs: 5,
      maxBackoffMs: 50,
      timeoutMs: 5_000,
      pageSize: 1_000,
      ...extra,
    });

  beforeAll(async () => {
    ecos = await startEcosServer({
      apiKey: KEY,
      maxRows: 1_000,
      series: {
        '731Y001/D/0000001': FX.map(({ time, value }) => ({ time, value: value.replace(/^(\d)(\d{3})/u, '$1,$2') })),
        '722Y001/M/0101000': BASE_RATE,
        '901Y009/Q/0': CPI_Q,
        '200Y101/A/10101': GDP_A,
      },
    });
  });
  afterAll(() => ecos.close());

  it('pages daily KRW/USD by row ranges using list_total_count: every day once, ascending, the URL in ECOS layout', async () => {
    const before = ecos.requests.length;
    const points = await make().fetch({ symbol: '731Y001/D/0000001', from: FX[0]!.date, to: '2025-06-30' });
    expect(points).toEqual(FX.map((p) => ({ date: p.date, value: Number(p.value) })));
    const calls = ecos.requests.slice(before);
    expect(calls.map((c) => c.path.split('/').slice(6, 8).join('-'))).toEqual(['1-1000', '1001-2000', '2001-3000']);
    expect(calls[0]!.path).toBe(`/api/StatisticSearch/${KEY}/json/kr/1/1000/731Y001/D/${FX[0]!.time}/20250630/0000001`);
  });

  it('reads monthly, quarterly and annual cycles; blanks and "-" are missing values', async () => {
    const base = await make().fetch({ symbol: '722Y001/M/0101000', from: '2020-01-01', to: '2024-12-31' });
    expect(base).toHaveLength(60);
    expect(base[0]).toEqual({ date: '2020-01-01', value: 0.5 });
    expect(ecos.requests.at(-1)!.path).toContain('/722Y001/M/202001/202412/0101000');
    const q = await make().fetch({ symbol: '901Y009/Q/0', from: '2023-01-01', to: '2024-12-31' });
    expect(q.map((p) => p.date)).toEqual([
      '2023-01-01',
      '2023-04-01',
      '2023-07-01',
      '2023-10-01',
      '2024-01-01',
      '2024-04-01',
      '2024-07-01',
      '2024-10-01',
    ]);
    expect(ecos.requests.at(-1)!.path).toContain('/901Y009/Q/2023Q1/2024Q4/0');
    expect(await make().fetch({ symbol: '200Y101/A/10101', from: '2022-01-01', to: '2024-12-31' })).toEqual([
      { date: '2022-01-01', value: 2_161_774 },
      { date: '2023-01-01', value: 2_236_329 },
    ]);
  });

  it('INFO-200 (no data) is an empty answer, not an error', async () => {
    expect(await make().fetch({ symbol: '722Y001/M/9999999', from: '2020-01-01', to: '2020-12-31' })).toEqual([]);
  });

  it('ERROR-602 (too many calls) and HTTP 500 on a later page are retried; the data is complete', async () => {
    ecos.misbehave('ok', 'ERROR-602', 'ERROR-602', 500, 'ok', 'ERROR-500');
    const points = await make({ retries: 5 }).fetch({
      symbol: '731Y001/D/0000001',
      from: FX[0]!.date,
      to: '2025-06-30',
    });
    expect(points).toHaveLength(FX.length);
  });

  it('ERROR-602 past the retry budget is RATE_LIMITED; a strict 3 calls/s server is still read in full when we pace', async () => {
    ecos.misbehave('ERROR-602', 'ERROR-602', 'ERROR-602');
    expect(
      (
        await rejection(
          make({ retries: 2 }).fetch({ symbol: '722Y001/M/0101000', from: '2020-01-01', to: '2024-12-31' }),
        )
      ).code,
    ).toBe('RATE_LIMITED');
    const strict = await startEcosServer({
      apiKey: KEY,
      maxRows: 200,
      maxPerSecond: 3,
      series: { '731Y001/D/0000001': FX.map(({ time, value }) => ({ time, value })) },
    });
    try {
      const p = createEcosProvider({
        apiKey: KEY,
        baseUrl: strict.url,
        pageSize: 200,
        requestsPerSecond: 10,
        retries: 8,
        minBackoffMs: 300,
        maxBackoffMs: 1_000,
      });
      expect(
        await p.fetch({ symbol: '731Y001/D/0000001', from: FX[FX.length - 1_000]!.date, to: '2025-06-30' }),
      ).toHaveLength(1_000);
    } finally {
      await strict.close();
    }
  });

  it('a timeout or a half-written JSON page fails the fetch with nothing partial', async () => {
    ecos.misbehave('ok', 'hang');
    const e1 = await rejection(
      make({ timeoutMs: 300, retries: 0 }).fetch({ symbol: '731Y001/D/0000001', from: FX[0]!.date, to: '2025-06-30' }),
    );
    expect(e1).toMatchObject({ code: 'PROVIDER_FAILED', retryable: true });
    ecos.misbehave('half-clean');
    const e2 = await rejection(
      make({ retries: 0 }).fetch({ symbol: '722Y001/M/0101000', from: '2020-01-01', to: '2024-12-31' }),
    );
    expect(e2.message).toMatch(/not JSON/u);
  });

  it('a series that grows between pages is refused, not stitched', async () => {
    const g = await startEcosServer({
      apiKey: KEY,
      maxRows: 500,
      series: { '731Y001/D/0000001': FX.map(({ time, value }) => ({ time, value })) },
    });
    try {
      g.misbehave('ok', 'grow');
      const err = await rejection(
        createEcosProvider({ apiKey: KEY, baseUrl: g.url, pageSize: 500, retries: 0 }).fetch({
          symbol: '731Y001/D/0000001',
          from: FX[0]!.date,
          to: '2025-06-30',
        }),
      );
      expect(err.message).toMatch(/changed while paging/u);
    } finally {
      await g.close();
    }
  });

  it('INFO-100 (bad key) is UNAUTHORIZED and never retried; the key appears in no error', async () => {
    const wrong = 'WRONGKEY9876543210XYZ';
    const before = ecos.requests.length;
    const e1 = await rejection(
      make({ apiKey: wrong, retries: 3 }).fetch({ symbol: '722Y001/M/0101000', from: '2020-01-01' }),
    );
    expect(e1.code).toBe('UNAUTHORIZED');
    expect(ecos.requests.length - before).toBe(1);
    ecos.misbehave('hang');
    const e2 = await rejection(
      make({ timeoutMs: 200, retries: 0 }).fetch({ symbol: '722Y001/M/0101000', from: '2020-01-01' }),
    );
    const down = await rejection(
      createEcosProvider({ apiKey: KEY, baseUrl: 'http://127.0.0.1:1', retries: 0 }).fetch({
        symbol: '722Y001/M/0101000',
      }),
    );
    for (const [e, k] of [
      [e1, wrong],
      [e2, KEY],
      [down, KEY],
    ] as const) {
      const everything = `${e.message} ${e.stack ?? ''} ${JSON.stringify(e)} ${inspect(e, { depth: 5 })}`;
      expect(everything).not.toContain(k);
    }
  });
});
