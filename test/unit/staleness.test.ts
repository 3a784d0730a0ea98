import { describe, expect, it } from 'vitest';
import { isStale } from '../../src/data/staleness.js';
import { staleDataOf, staleNotice } from '../../src/engine/stale-notice.js';

const at = (iso: string) => Date.parse(`${iso}T12:00:00Z`);

describe('isStale', () => {
  it('keeps a monthly value current until the month after next, whatever the day', () => {
    // October's CPI is dated 2026-10-01 and published in November: current through December.
    expect(isStale('M', '2026-10-01', at('2026-11-20'))).toBe(false);
    expect(isStale('M', '2026-10-01', at('2026-12-31'))).toBe(false);
    expect(isStale('M', '2026-10-01', at('2027-01-01'))).toBe(true);
    // Across a year boundary.
    expect(isStale('M', '2026-12-01', at('2027-02-15'))).toBe(false);
    expect(isStale('M', '2026-12-01', at('2027-03-01'))).toBe(true);
  });

  it('gives daily series a few business days and weekly series ten days', () => {
    expect(isStale('D', '2026-11-27', at('2026-11-30'))).toBe(false);
    expect(isStale('D', '2026-11-20', at('2026-11-30'))).toBe(true);
    expect(isStale('W', '2026-11-21', at('2026-11-30'))).toBe(false);
    expect(isStale('W', '2026-11-14', at('2026-11-30'))).toBe(true);
  });
});

describe('staleDataOf', () => {
  const points = [{ date: '2025-01-08', value: 2521.05 }];
  const now = at('2026-12-02');

  it('says a load failed only for the ETL store; a CSV folder or the offline sample just ends there', () => {
    expect(staleDataOf({ points, frequency: 'D', sample: false, origin: 'store' }, now)).toEqual({
      lastDate: '2025-01-08',
      ageDays: 693,
      reason: 'load-failed',
    });
    expect(staleDataOf({ points, frequency: 'D', sample: false, origin: 'folder' }, now)?.reason).toBe('data-ends');
    expect(staleDataOf({ points, frequency: 'D', sample: true, origin: 'sample' }, now)?.reason).toBe('data-ends');
    expect(staleDataOf({ points, frequency: 'D', sample: false, origin: 'folder' }, at('2025-01-09'))).toBeUndefined();
  });

  it('names the data’s date in the sentence that opens the answer: the day for daily data, the month for monthly', () => {
    const folder = staleDataOf({ points, frequency: 'D', sample: false, origin: 'folder' }, now)!;
    expect(staleNotice('ko', folder, 'D')).toBe(
      '자료가 2025년 1월 8일까지만 있어(693일 전), 그 뒤의 움직임은 이 답에 반영되지 않았습니다.',
    );
    expect(staleNotice('en', folder, 'D')).toBe(
      'The data runs only to 8 Jan 2025 (693 days ago), so nothing since then is reflected in this answer.',
    );
    const monthly = staleDataOf(
      { points: [{ date: '2021-11-01', value: 109.41 }], frequency: 'M', sample: false, origin: 'store' },
      now,
    )!;
    expect(staleNotice('ko', monthly, 'M')).toBe(
      '최신 데이터를 불러오지 못해 2021년 11월까지의 자료(1,857일 전)로 답했습니다.',
    );
  });
});
