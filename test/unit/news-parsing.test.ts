import { describe, expect, it } from 'vitest';
import { parseFeedDate } from '../../src/news/feed-date.js';
import { createIndicatorTagger } from '../../src/news/indicator-tagger.js';
import { NewsDeduper } from '../../src/news/news-deduper.js';
import { parseFeed } from '../../src/news/parse-feed.js';
import { decodeEntities, plainText } from '../../src/news/text-clean.js';
import { normaliseUrl } from '../../src/news/url-normalise.js';
import { xmlBomb, xxeFeed } from '../fakes/news-feed-server.js';

const NOW = new Date('2026-12-02T06:00:00Z');

describe('feed parsing that cannot be turned against us', () => {
  it('refuses the billion laughs and an external entity before parsing, in bounded time and memory', () => {
    const heap = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    expect(() => parseFeed(xmlBomb(), NOW)).toThrow(/DOCTYPE with entity/u);
    expect(() => parseFeed(xxeFeed(), NOW)).toThrow(/DOCTYPE with entity/u);
    expect(() => parseFeed('<!DOCTYPE rss SYSTEM "http://evil.example/x.dtd"><rss><channel/></rss>', NOW)).toThrow(
      /DOCTYPE/u,
    );
    expect(performance.now() - t0).toBeLessThan(1_000);
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(16 * 1024 * 1024);
  });

  it('leaves an undeclared entity as text and never expands an entity into another', () => {
    expect(decodeEntities('&amp;lt;b&amp;gt; &unknown; &#x1F4C8; &#0; &#xD800;')).toBe('&lt;b&gt; &unknown; 📈  ');
    expect(plainText('<p>a</p><p>b</p> <b>c</b>d', 50)).toBe('a b cd');
    expect(plainText('x'.repeat(400), 10)).toHaveLength(10);
  });

  it('is not RSS or Atom: refused with a reason', () => {
    expect(() => parseFeed('<html><body>maintenance</body></html>', NOW)).toThrow(/neither RSS nor Atom/u);
  });
});

describe('links and dates as stored', () => {
  it('keeps http(s) only and drops tracking parameters, credentials and fragments', () => {
    expect(normaliseUrl('https://News.Example.com:443/a?utm_source=x&id=3&fbclid=1&gclid=2&b=1#top')).toBe(
      'https://news.example.com/a?b=1&id=3',
    );
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,x',
      'file:///etc/passwd',
      'ftp://x/y',
      'https://u:p@x.com/',
      'not a url',
    ])
      expect(normaliseUrl(bad), bad).toBeUndefined();
    expect(normaliseUrl('/view/1', 'https://www.yna.co.kr/rss/economy.xml')).toBe('https://www.yna.co.kr/view/1');
  });

  it('reads RFC 822, RFC 3339 and Korean dates; anything else, or the far future, is undefined', () => {
    expect(parseFeedDate('Wed, 02 Dec 2026 09:10:00 +0900', NOW)).toBe('2026-12-02T00:10:00.000Z');
    expect(parseFeedDate('2026-12-01T10:00:00Z', NOW)).toBe('2026-12-01T10:00:00.000Z');
    expect(parseFeedDate('2026.12.02 09:30', NOW)).toBe('2026-12-02T00:30:00.000Z');
    for (const bad of ['yesterday', '2026-13-45', '2026.02.30', 'Wed, 02 Dec 2099 09:10:00 +0900', '', '12345'])
      expect(parseFeedDate(bad, NOW), bad).toBeUndefined();
  });
});

describe('de-duplication and tags', () => {
  const at = NOW.toISOString();
  it('merges near-duplicate Korean headlines across outlets, not different stories', () => {
    const d = new NewsDeduper();
    expect(
      d.add(
        { title: '[속보] 코스피, 외국인 매도에 2% 급락', url: 'https://a.kr/1', description: '' },
        { name: 'a' },
        at,
        [],
      ).outcome,
    ).toBe('new');
    expect(
      d.add(
        { title: '코스피 외국인 매도에 2% 급락 - 한국경제', url: 'https://b.kr/1', description: '' },
        { name: 'b' },
        at,
        [],
      ).outcome,
    ).toBe('merged');
    expect(
      d.add(
        { title: '코스피, 외국인 매도에 2% 급락…2,400선 위협', url: 'https://c.kr/1', description: '' },
        { name: 'c' },
        at,
        [],
      ).outcome,
    ).toBe('merged');
    expect(
      d.add({ title: '코스닥, 기관 매수에 1% 상승', url: 'https://c.kr/2', description: '' }, { name: 'c' }, at, [])
        .outcome,
    ).toBe('new');
    expect(
      d.add(
        { title: '코스피 외국인 매도', url: 'https://www.a.kr/1/?utm_source=x', description: '' },
        { name: 'a' },
        at,
        [],
      ).outcome,
    ).toBe('same');
    expect(d.size).toBe(2);
  });

  it('tags by catalog aliases on word boundaries, never by ambiguous words', () => {
    const t = createIndicatorTagger();
    expect(t.tag('원·달러 환율 1,450원 돌파', '')).toEqual(['usdkrw']);
    expect(t.tag('한국은행 금통위 기준금리 동결', '')).toEqual(['kr_base_rate']);
    expect(t.tag('Goldman raises gold price target', '')).toEqual(['gold']);
    expect(t.tag('Goldman Sachs hires', '')).toEqual([]);
    expect(t.tag('He won the award', '')).toEqual([]);
  });
});
