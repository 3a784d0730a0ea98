import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { formatDay } from '../../src/narrate/format-number.js';
import { registerEtlCommands } from '../../workers/etl-commands.js';
import { startKisMasterServer, type KisMasterFake } from '../fakes/kis-master-server.js';
import { randomWalk } from '../fakes/random-walk.js';

/** Business days (Mon-Fri) ending on `last`, newest last, as `date,value` rows of whole-won closes. */
function dailyCsv(last: string, count: number, seed: number, start: number): string {
  const dates: string[] = [];
  for (let t = Date.parse(`${last}T00:00:00Z`); dates.length < count; t -= 86_400_000) {
    const day = new Date(t).getUTCDay();
    if (day !== 0 && day !== 6) dates.unshift(new Date(t).toISOString().slice(0, 10));
  }
  const values = randomWalk(count, seed, 0.015, start);
  return `date,value\n${dates.map((d, i) => `${d},${Math.round(values[i]!)}`).join('\n')}\n`;
}

/** The weekday before today (UTC): the data is current, so no answer opens with a stale-data notice. */
function lastTradingDay(): string {
  let t = Date.now() - 86_400_000;
  while ([0, 6].includes(new Date(t).getUTCDay())) t -= 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
const last = lastTradingDay();

let master: KisMasterFake;
let env: Record<string, string>;

async function cli(args: string[], extra: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const code = await main(
    args,
    [registerEtlCommands],
    { LOG_LEVEL: 'silent', ETL_PROVIDERS: 'csv', ...env, ...extra },
    { out: (t) => (out += t), err: (t) => (err += t) },
  );
  return { code, out, err };
}

beforeAll(async () => {
  master = await startKisMasterServer({
    kospi: [
      { code: '005930', name: '삼성전자', marketCap: 4_300_000 },
      { code: '006400', name: '삼성SDI', marketCap: 250_000 },
      { code: '207940', name: '삼성바이오로직스', marketCap: 700_000 },
      { code: '000660', name: 'SK하이닉스', marketCap: 1_500_000 },
    ],
    kosdaq: [{ code: '293490', name: '카카오게임즈', marketCap: 15_000 }],
  });
  const data = await mkdtemp(join(tmpdir(), 'rx-stock-data-'));
  // About 12 years of trading days up to the last one.
  await writeFile(join(data, 'stock-005930.csv'), dailyCsv(last, 3_100, 11, 55_000));
  await writeFile(join(data, 'stock-293490.csv'), dailyCsv(last, 1_500, 12, 20_000));
  env = {
    RISKXPERT_HOME: await mkdtemp(join(tmpdir(), 'rx-stock-home-')),
    RISKXPERT_DATA_DIR: data,
    KIS_MASTER_BASE_URL: master.url,
  };
});
afterAll(() => master.close());

describe('riskxpert ask about a single KRX stock (listing from a KIS stand-in, prices from CSV)', () => {
  it('`etl listing` loads the listing into the embedded database', async () => {
    const r = await cli(['etl', 'listing']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('✓ KOSPI   4 stocks\n✓ KOSDAQ  1 stocks\n');
    expect((await cli(['status'])).out).toMatch(
      /^KRX listing: 5 stocks \(loaded KOSPI \d{4}-\d\d-\d\dT[\d:.]+Z, KOSDAQ [^)]+\); `riskxpert etl listing` reloads it\.$/mu,
    );
  });

  it('"삼성전자 6개월 전망" names the stock with its code, the date of the last price, the band and the disclaimer', async () => {
    const r = await cli(['ask', '삼성전자 6개월 전망']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^삼성전자\(005930\) \(원\) · 마지막 값 [\d,]+ \(\d{4}-\d\d-\d\d\) · selection\n/u);
    expect(r.out).toContain(`${formatDay(last, 'ko')} `);
    expect(r.out).toMatch(
      new RegExp(
        `삼성전자\\(005930\\)의 6개월 뒤\\(\\d{4}년 \\d{1,2}월 말\\) 중앙 전망은 [\\d,]+원으로, ${formatDay(last, 'ko')} [\\d,]+원 대비`,
        'u',
      ),
    );
    expect(r.out).not.toMatch(/까지만 있어/u);
    expect(r.out).toMatch(/투자 권유가 아닙니다/u);
    expect(r.out).toMatch(/한 종목에 몰아 투자하면 위험이 커집니다/u);
    expect(r.out).toMatch(/stock-005930\.csv/u);
  });

  it('a name only the loaded listing knows (KOSDAQ) is answered, in JSON with the stock id', async () => {
    const r = await cli(['ask', '카카오게임즈는', '3개월', '뒤', '어때', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as {
      indicator: { id: string; nameKo: string };
      forecast: { median: number }[];
      summary: string;
    };
    expect(json.indicator).toMatchObject({ id: 'stock:293490', nameKo: '카카오게임즈(293490)' });
    expect(json.forecast).toHaveLength(3);
    expect(json.summary).toMatch(/^카카오게임즈\(293490\)의 3개월 뒤/u);
  });

  it('answers in English with the code, and asks back when a word starts several listed names', async () => {
    const en = await cli(['ask', 'Samsung Electronics 3 months', '--lang', 'en']);
    expect(en.code).toBe(0);
    expect(en.out).toMatch(/The median forecast for Samsung Electronics \(005930\) 3 months ahead/u);
    const asked = await cli(['ask', '삼성 주가 전망']);
    expect(asked.out + asked.err).toMatch(
      /삼성으로 시작하는 종목이 여럿이에요: 삼성전자\(005930\), 삼성바이오로직스\(207940\), 삼성SDI\(006400\)/u,
    );
  });

  it("a listed stock with no prices (no KIS keys, no CSV) says how to get them, in the asker's language", async () => {
    const ko = await cli(['ask', 'SK하이닉스 6개월']);
    expect(ko.code).not.toBe(0);
    expect(ko.out + ko.err).toMatch(
      /SK하이닉스\(000660\)의 주가 자료가 없어요\. 한국투자증권 Open API 키\(KIS_APP_KEY, KIS_APP_SECRET\)를 설정하고 `riskxpert worker`를 실행하거나, RISKXPERT_DATA_DIR 폴더에 stock-000660\.csv/u,
    );
    const en = await cli(['ask', 'SK hynix 6 months', '--lang', 'en']);
    expect(en.out + en.err).toMatch(
      /There are no prices for SK hynix \(000660\)\. Set the Korea Investment & Securities Open API keys/u,
    );
  });
});
