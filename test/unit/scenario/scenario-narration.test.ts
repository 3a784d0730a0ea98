import { describe, expect, it } from 'vitest';
import { explainScenario } from '../../../src/scenario/explain-scenario.js';
import type { ScenarioResult } from '../../../src/scenario/run-scenario.js';
import { narrateScenario } from '../../../src/scenario/scenario-narration.js';

const result: ScenarioResult = {
  kind: 'scenario',
  scenarioId: 's1',
  version: 2,
  name: '원화 약세',
  horizonMonths: 3,
  shocks: [{ indicatorId: 'usdkrw', move: 10, unit: '%' }],
  asOf: '2025-01',
  effects: [
    {
      indicatorId: 'usdkrw',
      unit: '%',
      asOf: '2025-01',
      low: 10,
      median: 10,
      high: 10,
      uncond: { low: 10, median: 10, high: 10 },
      shocked: true,
    },
    {
      indicatorId: 'kospi',
      unit: '%',
      asOf: '2025-01',
      low: -14.2,
      median: -4.31,
      high: 6.1,
      uncond: { low: -9, median: 1.2, high: 11 },
      shocked: false,
    },
  ],
  unusedShocks: [],
  pnl: {
    holdings: [
      {
        symbol: 'kospi',
        indicatorId: 'kospi',
        proxy: false,
        valueWon: 5_000_000,
        movePct: -4.31,
        pnlWon: -215_500,
        lowWon: -710_000,
        highWon: 305_000,
      },
    ],
    totalWon: -215_500,
    totalPct: -4.31,
    excluded: [],
  },
};

describe('scenario narration: the LLM explains only computed numbers', () => {
  it('keeps a grounded LLM text', async () => {
    const llm = {
      complete: async () => '환율이 10% 오르면 코스피 중앙값은 −4.3%, 포트폴리오 손익은 −215,500원입니다.',
    };
    expect(await narrateScenario(result, 'ko', { llm })).toEqual({
      text: '환율이 10% 오르면 코스피 중앙값은 −4.3%, 포트폴리오 손익은 −215,500원입니다.',
      source: 'llm',
    });
  });

  it('falls back to the deterministic text when the LLM invents a number, fails, or is too slow', async () => {
    const reference = explainScenario(result, 'ko');
    expect(
      await narrateScenario(result, 'ko', { llm: { complete: async () => '코스피는 −7.5% 떨어집니다.' } }),
    ).toEqual({ text: reference, source: 'deterministic', fallbackReason: 'ungrounded' });
    expect(
      await narrateScenario(result, 'ko', { llm: { complete: async () => Promise.reject(new Error('503')) } }),
    ).toEqual({ text: reference, source: 'deterministic', fallbackReason: 'error' });
    const slow = {
      complete: ({ signal }: { signal: AbortSignal }) =>
        new Promise<string>((_r, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')))),
    };
    expect(await narrateScenario(result, 'ko', { llm: slow, timeoutMs: 20 })).toEqual({
      text: reference,
      source: 'deterministic',
      fallbackReason: 'timeout',
    });
    expect((await narrateScenario(result, 'en')).text).toMatch(
      /^Scenario '원화 약세' \(version 2, 3 months, data as of Jan 2025\)/u,
    );
  });
});
