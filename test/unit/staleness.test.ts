import { describe, expect, it } from 'vitest';
import { isStale } from '../../src/data/staleness.js';

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
