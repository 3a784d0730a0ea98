import { describe, expect, it } from 'vitest';
import { forecastChartSpec } from '../../src/chart/forecast-chart-spec.js';
import { formatForecastTable } from '../../src/cli/format-table.js';
import { getIndicator } from '../../src/data/catalog.js';
import type { ForecastEvent } from '../../src/engine/answer-types.js';
import { computeFacts } from '../../src/engine/compute-facts.js';
import type { ForecastOutput } from '../../src/forecast/forecaster.js';
import { createDeterministicNarrator } from '../../src/narrate/deterministic-narrator.js';

/** A forecast whose last-month quantiles sit right at rounding edges: 2121.948 must print 2,121.9 everywhere. */
function answerParts(id: string, last: number, p10: number, p50: number, p90: number) {
  const indicator = getIndicator(id)!;
  const history = Array.from({ length: 24 }, (_, i) => ({
    date: new Date(Date.UTC(2023, i + 1, 0)).toISOString().slice(0, 10),
    value: last * (1 + 0.01 * Math.sin(i)),
  }));
  history[history.length - 1]!.value = last;
  const dates = ['2025-01-31', '2025-02-28', '2025-03-31'];
  const quantiles = [
    [p10 * 1.01, p10 * 1.005, p10],
    [p50, p50, p50],
    [p90 * 0.99, p90 * 0.995, p90],
  ];
  const forecast = { levels: [0.1, 0.5, 0.9], quantiles, method: 'test', version: 'v' } as unknown as ForecastOutput;
  const facts = computeFacts({
    indicator,
    locale: 'ko',
    question: 'q',
    history,
    horizonMonths: 3,
    targetDate: dates[2]!,
    forecast,
    dataSource: 'fixture',
    sampleData: false,
  });
  const event = {
    type: 'forecast',
    indicator: { id, nameKo: indicator.nameKo, nameEn: indicator.nameEn, unit: indicator.unitKo },
    horizonMonths: 3,
    locale: 'ko',
    history,
    dates,
    median: quantiles[1]!,
    levels: [0.1, 0.5, 0.9],
    quantiles,
    method: 'test',
    modelVersion: 'v',
    dataSource: 'fixture',
    sampleData: false,
    facts,
  } as ForecastEvent;
  const chart = forecastChartSpec({
    indicator,
    locale: 'ko',
    horizonMonths: 3,
    history,
    dates,
    median: quantiles[1]!,
    low: quantiles[0]!,
    high: quantiles[2]!,
    dataSource: 'fixture',
    method: 'test',
  });
  return { facts, table: formatForecastTable(event), chart };
}

async function narrated(facts: Parameters<ReturnType<typeof createDeterministicNarrator>['summary']>[0]) {
  const n = createDeterministicNarrator();
  const summary = (await n.summary(facts)).text;
  let scenario = '';
  for await (const c of n.scenario(facts, summary)) scenario += c.delta;
  return `${summary}\n${scenario}`;
}

describe('each number is rounded once, to its indicator’s precision', () => {
  it('prints the same digits in the table, the summary, the scenario and the chart (KOSPI: 2121.948 → 2,121.9)', async () => {
    const { facts, table, chart } = answerParts('kospi', 2521.05, 2121.948, 2470.83, 2903.249);
    const lastRow = table.split('\n').at(-1)!;
    expect(lastRow).toMatch(/^2025-03\s+2,121\.9\s+2,470\.8\s+2,903\.2$/u);
    const text = await narrated(facts);
    expect(text).toContain('2,121.9~2,903.2포인트');
    expect(text).toContain('2,470.8포인트');
    expect(text).not.toContain('2,122.0');
    expect(chart.forecast.at(-1)).toEqual({ date: '2025-03-31', low: 2121.9, median: 2470.8, high: 2903.2 });
  });

  it('gives WTI one precision in every column (no "99.341" beside "101.7")', async () => {
    const { facts, table } = answerParts('wti', 86.48, 70.1049, 86.15, 99.341);
    const rows = table.split('\n').slice(-3);
    for (const row of rows) for (const cell of row.split(/\s+/u).slice(1)) expect(cell).toMatch(/^\d+\.\d\d$/u);
    expect(await narrated(facts)).toContain('배럴당 70.10~99.34달러');
  });

  it('computes a rate’s change from the rounded levels, so "3.21% vs 3.50%" is exactly −0.29%p', () => {
    const { facts } = answerParts('kr_base_rate', 3.5, 1.6849, 3.2051, 4.8349);
    expect([facts.lastValue, facts.medianAtHorizon, facts.lowAtHorizon, facts.highAtHorizon]).toEqual([
      3.5, 3.21, 1.68, 4.83,
    ]);
    expect([facts.change, facts.lowChange, facts.highChange, facts.bandWidth]).toEqual([-0.29, -1.82, 1.33, 3.15]);
  });
});
