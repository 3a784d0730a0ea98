import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../../src/scenario/parse-scenario-text.js';
import { parseScenarioSpec } from '../../../src/scenario/scenario-schema.js';

const spec = (shocks: { indicatorId: string; move: number; unit: string }[], horizonMonths = 3) => ({
  name: 'test',
  horizonMonths,
  shocks,
});
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e as { code: string; message: string; details?: { messageKey?: string } };
  }
  throw new Error('not refused');
};

describe('scenario validation', () => {
  it('accepts prices in % and rates in %p within bounds', () => {
    const s = parseScenarioSpec(
      spec([
        { indicatorId: 'usdkrw', move: 8, unit: '%' },
        { indicatorId: 'kospi', move: -10, unit: '%' },
        { indicatorId: 'us10y', move: 0.5, unit: '%p' },
      ]),
      'ko',
    );
    expect(s.shocks.map((x) => x.indicatorId)).toEqual(['usdkrw', 'kospi', 'us10y']);
  });

  it.each([
    [
      'a rate given in %',
      spec([{ indicatorId: 'us10y', move: 1, unit: '%' }]),
      'scenario.wrongUnitRate',
      /미국 10년 국채금리는 금리라서 %p/u,
      /US 10-year Treasury yield is a rate: give its move in percentage points/u,
    ],
    [
      'a −150% price move',
      spec([{ indicatorId: 'kospi', move: -150, unit: '%' }]),
      'scenario.priceOutOfRange',
      /−90%에서 \+300%/u,
      /between −90% and \+300%/u,
    ],
    [
      'an unknown indicator',
      spec([{ indicatorId: 'bitcoin', move: 10, unit: '%' }]),
      'scenario.unknownIndicator',
      /bitcoin은 시나리오에 쓸 수 있는 지표가 아니에요/u,
      /'bitcoin' is not an indicator/u,
    ],
    [
      'a horizon of 0 months',
      spec([{ indicatorId: 'kospi', move: -10, unit: '%' }], 0),
      'scenario.horizon',
      /기간 0개월은 쓸 수 없어요/u,
      /horizon of 0 months/u,
    ],
    [
      'a horizon of 100 months',
      spec([{ indicatorId: 'kospi', move: -10, unit: '%' }], 100),
      'scenario.horizon',
      /기간 100개월은/u,
      /horizon of 100 months/u,
    ],
    [
      'a price given in %p',
      spec([{ indicatorId: 'kospi', move: -1, unit: '%p' }]),
      'scenario.wrongUnitPrice',
      /코스피는 가격 지표라서 %로/u,
      /KOSPI is a price/u,
    ],
    [
      'a 12%p rate move',
      spec([{ indicatorId: 'kr_base_rate', move: 12, unit: '%p' }]),
      'scenario.rateOutOfRange',
      /−10%p에서 \+10%p/u,
      /between −10%p and \+10%p/u,
    ],
  ])("refuses %s in the user's language", (_what, input, key, ko, en) => {
    const k = refusal(() => parseScenarioSpec(input, 'ko'));
    expect(k).toMatchObject({ code: 'BAD_REQUEST', details: { messageKey: key } });
    expect(k.message).toMatch(ko);
    expect(refusal(() => parseScenarioSpec(input, 'en')).message).toMatch(en);
  });
});

describe('scenario chat text', () => {
  it('reads shocks with units and the horizon', () => {
    expect(parseScenarioText('환율 +10%, 코스피 -15%, 3개월', 'ko')).toEqual({
      kind: 'spec',
      input: {
        name: '환율 +10%, 코스피 -15%, 3개월',
        horizonMonths: 3,
        shocks: [
          { indicatorId: 'usdkrw', move: 10, unit: '%' },
          { indicatorId: 'kospi', move: -15, unit: '%' },
        ],
      },
    });
    const en = parseScenarioText('US 10-year +50bp, VIX +40%, 6 months', 'en');
    expect(en).toMatchObject({
      kind: 'spec',
      input: {
        horizonMonths: 6,
        shocks: [
          { indicatorId: 'us10y', move: 0.5, unit: '%p' },
          { indicatorId: 'vix', move: 40, unit: '%' },
        ],
      },
    });
  });

  it('keeps the unit as written so a rate in % is refused by validation, and takes other text as a saved name', () => {
    const r = parseScenarioText('미국채 +1%, 3개월', 'ko');
    expect(r).toMatchObject({ kind: 'spec', input: { shocks: [{ indicatorId: 'us10y', move: 1, unit: '%' }] } });
    if (r.kind !== 'spec') throw new Error('unreachable');
    expect(refusal(() => parseScenarioSpec(r.input, 'ko')).message).toMatch(/%p/u);
    expect(parseScenarioText('내 환율 충격', 'ko')).toEqual({ kind: 'name', name: '내 환율 충격' });
    expect(refusal(() => parseScenarioText('비트코인 +10%, 3개월', 'ko')).message).toMatch(/비트코인은/u);
  });
});
