import { describe, expect, it } from 'vitest';
import { catalogs, PLACEHOLDER, t } from '../../src/messages/t.js';

const placeholders = (template: string) => [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))].sort();

describe('message catalogs', () => {
  const { ko, en } = catalogs();

  it('hold the same keys in Korean and English, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ko).sort());
    for (const [key, text] of [...Object.entries(ko), ...Object.entries(en)]) expect(text.trim(), key).not.toBe('');
  });

  it('use the same placeholders for a key in both languages', () => {
    for (const key of Object.keys(ko) as (keyof typeof ko)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(ko[key]));
    }
  });

  it('write Korean particles only in the Korean catalog, and only particles es-hangul knows', () => {
    const known = [
      '이/가',
      '을/를',
      '은/는',
      '으로/로',
      '와/과',
      '이나/나',
      '이란/란',
      '아/야',
      '이랑/랑',
      '이에요/예요',
      '으로서/로서',
      '으로써/로써',
      '으로부터/로부터',
      '이라/라',
    ];
    for (const text of Object.values(en)) expect([...text.matchAll(PLACEHOLDER)].filter((m) => m[2])).toEqual([]);
    for (const text of Object.values(ko))
      for (const m of text.matchAll(PLACEHOLDER)) if (m[2]) expect(known).toContain(m[2]);
  });

  it('fills parameters, picks particles by how the value is read, and refuses a missing parameter', () => {
    expect(t('ko', 'narrator.summary.sample', { source: 'x.csv' })).toContain('(x.csv)');
    expect(
      t('ko', 'narrator.scenario.base', {
        target: '2026년 9월 말',
        name: '원/달러 환율',
        median: '1,521.5원',
        change: '+0.8%',
        trend: '보합권',
      }),
    ).toContain('원/달러 환율은 1,521.5원 안팎(+0.8%)에서 보합권을 보이는');
    expect(() => t('en', 'narrator.summary.sample')).toThrow(/source/u);
  });
});
