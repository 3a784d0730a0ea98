import { describe, expect, it } from 'vitest';
import { checkDigest, extractiveDigest, summariseNews } from '../../src/news/news-digest.js';
import type { NewsItem } from '../../src/news/news-types.js';

const NOW = new Date('2026-12-02T06:00:00Z');
const item = (n: number, title: string, hoursAgo: number, sources = 1): NewsItem => ({
  id: n.toString(16).padStart(24, '0'),
  title,
  url: `https://n.example/${n}`,
  source: 's0',
  sources: Array.from({ length: sources }, (_, k) => ({
    name: `s${k}`,
    url: `https://s${k}.example/${n}`,
    publishedAt: NOW.toISOString(),
  })),
  publishedAt: new Date(NOW.getTime() - hoursAgo * 3_600_000).toISOString(),
  description: '',
  indicators: ['usdkrw'],
  fetchedAt: NOW.toISOString(),
});
const items = [
  item(1, '원·달러 환율 1,480원 돌파', 1, 3),
  item(2, '환율 1,480원 돌파에 외환당국 구두개입', 2),
  item(3, '금값 사상 최고', 30),
  item(4, '원·달러 환율 장중 1,480원 돌파 후 반락', 3),
];

describe('news digest', () => {
  it('extractive: the most central, most recent headlines, numbered, with their outlets and dates', () => {
    const d = extractiveDigest(items, 'ko', NOW);
    expect(d.narrator).toBe('extractive');
    expect(d.items.map((i) => i.id)).toEqual([items[0]!.id, items[1]!.id, items[3]!.id]);
    expect(d.text.split('\n')[1]).toBe('[1] 원·달러 환율 1,480원 돌파 (s0, s1, s2, 2026-12-02)');
    expect(extractiveDigest([], 'en', NOW).text).toBe('No related news in the last day.');
  });

  it('refuses an LLM digest with an outside link, an uncited sentence, a citation out of range or a new number', () => {
    const given = items.slice(0, 2);
    expect(checkDigest('환율이 1,480원을 넘었다 [1]. 당국이 개입했다 [2].', given)).toBeUndefined();
    expect(checkDigest('환율이 넘었다 [1]. 자세한 내용은 https://evil.example/x [1].', given)).toMatch(
      /not a stored item/u,
    );
    expect(checkDigest('환율이 넘었다 [1] 자세히: https://n.example/1', given)).toBeUndefined();
    expect(checkDigest('환율이 넘었다 [1]. 당국이 개입했다.', given)).toMatch(/without a citation/u);
    expect(checkDigest('환율이 넘었다 [3].', given)).toMatch(/not given/u);
    expect(checkDigest('환율이 1,520원까지 오를 것 [1].', given)).toMatch(/numbers not in the items \(1520\)/u);
  });

  it('uses the LLM when it passes, and the extractive digest when it is down or invents a link', async () => {
    const ok = await summariseNews({
      items,
      locale: 'ko',
      now: NOW,
      complete: async () => '환율이 1,480원을 돌파했다 [1][2].',
    });
    expect(ok).toMatchObject({ narrator: 'llm', text: '환율이 1,480원을 돌파했다 [1][2].' });
    const reasons: string[] = [];
    const down = await summariseNews({
      items,
      locale: 'ko',
      now: NOW,
      complete: async () => Promise.reject(new Error('503')),
      onRefused: (r) => reasons.push(r),
    });
    expect(down).toEqual(extractiveDigest(items, 'ko', NOW));
    const lying = await summariseNews({
      items,
      locale: 'ko',
      now: NOW,
      complete: async () => '급등 [1] https://phish.example',
      onRefused: (r) => reasons.push(r),
    });
    expect(lying.narrator).toBe('extractive');
    expect(reasons).toEqual(['unavailable (503)', expect.stringMatching(/not a stored item/u)]);
  });
});
