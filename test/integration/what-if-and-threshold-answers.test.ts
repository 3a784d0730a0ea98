import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { folderAsker } from '../fakes/folder-asker.js';

/** A seeded normal draw (Box–Muller on a linear congruential generator): the same panel every run. */
function normals(seed: number): () => number {
  let s = seed >>> 0;
  const u = () => ((s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0) + 0.5) / 2 ** 32;
  return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

/** 30 years of month ends where KOSPI falls when USD/KRW rises (beta −0.8 on log moves), as in risk-off months. */
function writePanel(dir: string): void {
  const z = normals(7);
  let fx = 1_100;
  let kospi = 1_000;
  const fxRows = ['date,value'];
  const kospiRows = ['date,value'];
  for (let y = 1995; y <= 2024; y++) {
    for (let m = 1; m <= 12; m++) {
      const e = 0.03 * z();
      fx *= Math.exp(e);
      kospi *= Math.exp(-0.8 * e + 0.02 * z());
      const day = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
      fxRows.push(`${day},${fx.toFixed(2)}`);
      kospiRows.push(`${day},${kospi.toFixed(2)}`);
    }
  }
  writeFileSync(join(dir, 'usdkrw.csv'), `${fxRows.join('\n')}\n`);
  writeFileSync(join(dir, 'kospi.csv'), `${kospiRows.join('\n')}\n`);
}

const dir = mkdtempSync(join(tmpdir(), 'rx-what-if-'));
writePanel(dir);
const { ask, close } = folderAsker(dir, 'cli:what-if');
afterAll(close);

describe('what-if questions answer about the asked indicator, with the effect computed from the joint model', () => {
  it('"환율이 10% 오르면 코스피는?" forecasts KOSPI and says its conditional move, lower than without the condition', async () => {
    const { forecast, summary } = await ask('환율이 10% 오르면 코스피는?');
    expect(forecast.indicator.id).toBe('kospi');
    const w = forecast.whatIf!;
    expect(w.shock).toEqual({ indicatorId: 'usdkrw', move: 10, unit: '%' });
    expect(w.horizonMonths).toBe(6);
    // Beta −0.8 on logs: a 10% rise in USD/KRW goes with KOSPI about 7% lower than it would be otherwise.
    expect(w.median - w.uncond.median).toBeLessThan(-4);
    expect(w.low).toBeLessThan(w.median);
    expect(w.high).toBeGreaterThan(w.median);
    expect(summary).toMatch(/조건부 전망: 2024년 12월 자료 기준으로 원\/달러 환율이 6개월 동안 \+10\.0% 움직이면/u);
    expect(summary).toMatch(/중앙값이 \d+\.\d%p 낮아요/u);
    expect(summary).toMatch(/원인과 결과는 아니며/u);
    // The computed part comes before the narrator's forecast text, which is about KOSPI.
    expect(summary.indexOf('조건부 전망')).toBeLessThan(summary.indexOf('코스피 중앙 전망'));
  });

  it('the won losing 10% of its value is USD/KRW +11.1%, and the answer says so', async () => {
    const { forecast, summary } = await ask('원화 가치가 10% 떨어지면 코스피 3개월 뒤는?');
    expect(forecast.whatIf?.shock).toEqual({ indicatorId: 'usdkrw', move: 11.1, unit: '%' });
    expect(forecast.horizonMonths).toBe(3);
    expect(summary).toMatch(/원화 가치 −10\.0% 변화는 원\/달러 환율로 \+11\.1% 변화예요/u);
  });

  it('without a size, one standard deviation of past moves is assumed and stated', async () => {
    const { forecast, summary } = await ask('환율 오르면 코스피는?');
    const move = forecast.whatIf!.shock.move;
    expect(move).toBeGreaterThanOrEqual(4);
    expect(move).toBeLessThanOrEqual(12);
    expect(summary).toMatch(/움직이는 폭을 말하지 않아 원\/달러 환율의 6개월 변화를 \+\d+\.0%/u);
  });

  it('an indicator without data gives a plain sentence and the forecast still arrives', async () => {
    const { forecast, summary } = await ask('유가가 20% 오르면 코스피는?');
    expect(forecast.indicator.id).toBe('kospi');
    expect(forecast.whatIf).toBeUndefined();
    expect(summary).toMatch(/WTI 국제유가 자료가 부족해 조건부 효과는 계산하지 못했어요/u);
  });

  it('a move beyond sane bounds is refused in the asker’s language', async () => {
    const { forecast, summary } = await ask('If USD/KRW rises 500%, what about KOSPI?', 'en');
    expect(forecast.whatIf).toBeUndefined();
    expect(summary).toMatch(/A move of \+500\.0% in USD\/KRW is outside what can be computed/u);
  });

  it('beyond 6 months the effect is computed at 6, the horizon checked out of sample, and the answer says so', async () => {
    const { forecast, summary } = await ask('환율이 10% 오르면 1년 뒤 코스피는?');
    expect(forecast.horizonMonths).toBe(12);
    expect(forecast.whatIf?.horizonMonths).toBe(6);
    expect(summary).toMatch(/조건부 효과는 과거 검증을 마친 6개월까지만 계산해요/u);
  });
});

describe('threshold questions state the chance of the level at the horizon, from the forecast’s own quantiles', () => {
  it('"코스피 1,000 넘을까?" gives a probability consistent with the forecast band, and says it is the value on that date', async () => {
    const { forecast, summary } = await ask('코스피 6개월 뒤 1,000 넘을까?');
    const th = forecast.threshold!;
    expect(th).toMatchObject({ level: 1000, side: 'above' });
    const at = (p: number) => forecast.quantiles[forecast.levels.indexOf(p)]!.at(-1)!;
    // Where 1,000 sits in the band bounds the chance: above the 90% quantile → under 10%, below the 10% → over 90%.
    if (1000 > at(0.9)) expect(th.probability).toBeLessThanOrEqual(0.1);
    else if (1000 < at(0.1)) expect(th.probability).toBeGreaterThanOrEqual(0.9);
    else expect(th.probability).toBeGreaterThan(0.05);
    expect(summary).toMatch(/코스피가 1,000\.0포인트보다 높을 확률은 (?:약 \d+%예요|\d+%가 넘어요|\d+% 미만이에요)\./u);
    expect(summary).toMatch(/그 시점의 값 기준이라/u);
  });

  it('a price said in % is a move from the last value; "below" reads the lower side; English too', async () => {
    const up = await ask('코스피 20% 갈까?');
    const last = up.forecast.history.at(-1)!.value;
    expect(up.forecast.threshold!.level).toBeCloseTo(last * 1.2, 6);
    const down = await ask('Will KOSPI fall below 1 in 6 months?', 'en');
    expect(down.forecast.threshold).toMatchObject({ level: 1, side: 'below', bound: 'under', probability: 0.05 });
    expect(down.summary).toMatch(
      /The chance that KOSPI is below 1\.0 pt at the end of [A-Z][a-z]{2} \d{4} is under 5%\./u,
    );
  });

  it('"환율 언제 떨어질까?" gives the chance of being below the last value at 3, 6 and 12 months, a year being assumed', async () => {
    const { forecast, summary } = await ask('환율 언제 떨어질까?');
    expect(forecast.indicator.id).toBe('usdkrw');
    expect(forecast.dates).toHaveLength(12);
    const last = forecast.history.at(-1)!.value;
    expect(forecast.threshold).toMatchObject({ level: last, side: 'below' });
    // The 12-month chance agrees with where the last value sits in that month's band.
    const at = (p: number) => forecast.quantiles[forecast.levels.indexOf(p)]![11]!;
    expect(at(0.1) < last && last < at(0.9)).toBe(true);
    expect(forecast.threshold!.probability).toBeGreaterThan(0.05);
    expect(forecast.assumptions).toContain('시점을 물어 앞으로 12개월을 봤어요.');
    expect(summary).toMatch(
      /원\/달러 환율이 마지막 값\([\d,.]+원\)보다 낮아져 있을 확률은 3개월 뒤 약 \d+%, 6개월 뒤 약 \d+%, 12개월 뒤 약 \d+%예요\. 몇 월이라고 집어 말할 수 있는 모형은 없어서/u,
    );
  });

  it('"코스피 6개월 뒤 오를까?" states the chance of being above the last value at the horizon', async () => {
    const { forecast, summary } = await ask('코스피 6개월 뒤 오를까?');
    const last = forecast.history.at(-1)!.value;
    expect(forecast.threshold).toMatchObject({ level: last, side: 'above' });
    const at = (p: number) => forecast.quantiles[forecast.levels.indexOf(p)]!.at(-1)!;
    if (last < at(0.5)) expect(forecast.threshold!.probability).toBeGreaterThanOrEqual(0.5);
    else expect(forecast.threshold!.probability).toBeLessThanOrEqual(0.5);
    expect(summary).toMatch(
      /2025년 6월 말 코스피가 마지막 값\([\d,.]+포인트\)보다 높을 확률은 (?:약 \d+%예요|\d+% 미만이에요|\d+%가 넘어요)\. 그 시점의 값 기준이라/u,
    );
  });

  it('"코스피 3000 회복 언제쯤?" gives the chance of being above that level at 3, 6 and 12 months, with the right particle', async () => {
    const { forecast, summary } = await ask('코스피 3000 회복 언제쯤?');
    expect(forecast.horizonMonths).toBe(12);
    expect(forecast.threshold).toMatchObject({ level: 3000, side: 'above' });
    expect(summary).toMatch(
      /코스피가 3,000\.0포인트보다 높아져 있을 확률은 3개월 뒤 (?:약 \d+%|\d+% 미만|\d+% 초과), 6개월 뒤 [^,]+, 12개월 뒤 [^.]+(?:%예요|미만이에요|초과예요)\./u,
    );
    expect(summary).not.toMatch(/미만예요/u);
  });

  it('"코스피 반토막 날까?" is the chance of being below half the last value, and says so', async () => {
    const { forecast, summary } = await ask('코스피 반토막 날까?');
    const last = forecast.history.at(-1)!.value;
    expect(forecast.threshold).toMatchObject({ level: last / 2, side: 'below' });
    expect(summary).toMatch(/코스피가 마지막 값의 절반\([\d,.]+포인트\)보다 낮을 확률은/u);
  });

  it('"코스피 역대 최고치 찍을까?" takes the data’s record as the level, and names it with its date and how far back the data goes', async () => {
    const rows = readFileSync(join(dir, 'kospi.csv'), 'utf8').trim().split('\n').slice(1);
    const top = rows.map((r) => r.split(',')).reduce((a, b) => (Number(b[1]) > Number(a[1]) ? b : a));
    const { forecast, summary } = await ask('코스피 역대 최고치 찍을까?');
    expect(forecast.threshold).toMatchObject({ level: Number(top[1]), side: 'above' });
    const [y, m] = top[0]!.split('-').map(Number);
    const shown = Number(top[1]).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    expect(summary).toContain(`코스피가 1995년 이후 최고치(${shown}포인트, ${y}년 ${m}월`);
    expect(summary).toMatch(/최고치\([^)]+\)보다 높을 확률은 (?:약 \d+%예요|\d+% 미만이에요|\d+%가 넘어요)\./u);
    // A record as a premise is no record question: "최고치인데 더 오를까?" asks about a rise from the last value.
    const premise = await ask('코스피 최고치인데 더 오를까?');
    expect(premise.forecast.threshold).toMatchObject({ level: premise.forecast.history.at(-1)!.value, side: 'above' });
  });
});
