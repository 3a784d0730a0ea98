import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerNewsCommand } from '../../src/cli/news-command.js';
import { main } from '../../src/cli.js';
import { loadConfig } from '../../src/config.js';
import { createSqliteNewsStore } from '../../src/news/sqlite-news-store.js';
import { openSqliteDatabase } from '../../src/store/sqlite-database.js';
import { newsItem } from '../contract/news-store.contract.js';

async function cli(args: string[], env: Record<string, string | undefined>) {
  let out = '';
  let err = '';
  const code = await main(
    args,
    [registerNewsCommand],
    { LOG_LEVEL: 'silent', ...env },
    { out: (t) => (out += t), err: (t) => (err += t) },
  );
  return { code, out, err };
}

describe('riskxpert news', () => {
  it('prints an indicator’s stored items and the digest as the documented JSON', async () => {
    const env = { RISKXPERT_HOME: await mkdtemp(join(tmpdir(), 'rx-news-cli-')) };
    const db = openSqliteDatabase(loadConfig(env).store.sqlitePath);
    const now = Date.now();
    const at = (h: number) => new Date(now - h * 3_600_000).toISOString();
    await createSqliteNewsStore(db).upsert([
      newsItem({
        title: '코스피, 외국인 매도에 2% 급락',
        url: 'https://www.yna.co.kr/view/1',
        source: '연합뉴스',
        indicators: ['kospi'],
        publishedAt: at(1),
      }),
      newsItem({
        title: '코스피 반등 시도',
        url: 'https://www.hankyung.com/a/2',
        source: '한국경제',
        indicators: ['kospi'],
        publishedAt: at(2),
      }),
      newsItem({
        title: '환율 1,480원 돌파',
        url: 'https://www.mk.co.kr/n/3',
        source: '매일경제',
        indicators: ['usdkrw'],
        publishedAt: at(3),
      }),
    ]);
    db.close();

    const r = await cli(['news', '코스피', '--json', '--limit', '5'], env);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as {
      items: { title: string; url: string; source: string; publishedAt: string; indicators: string[] }[];
      summary: string;
    };
    expect(json.items.map((i) => i.title)).toEqual(['코스피, 외국인 매도에 2% 급락', '코스피 반등 시도']);
    expect(Object.keys(json.items[0]!).sort()).toEqual(['indicators', 'publishedAt', 'source', 'title', 'url']);
    expect(json.items[0]).toMatchObject({
      url: 'https://www.yna.co.kr/view/1',
      source: '연합뉴스',
      indicators: ['kospi'],
    });
    expect(json.summary).toMatch(/^주요 헤드라인 2건:\n\[1\] 코스피, 외국인 매도에 2% 급락/u);

    const byId = await cli(['news', '--indicator', 'usdkrw', '--json', '--lang', 'en'], env);
    expect((JSON.parse(byId.out) as { items: { title: string }[] }).items.map((i) => i.title)).toEqual([
      '환율 1,480원 돌파',
    ]);

    const text = await cli(['news', '반등'], env);
    expect(text.out).toMatch(/코스피 반등 시도\n {4}example · https:\/\/www\.hankyung\.com\/a\/2/u);
  });

  it('says what is wrong, in the exit code too: an unknown indicator, a bad limit, no feeds configured', async () => {
    const env = { RISKXPERT_HOME: await mkdtemp(join(tmpdir(), 'rx-news-cli-')) };
    expect(await cli(['news', '--indicator', 'nope'], env)).toMatchObject({
      code: 1,
      err: expect.stringMatching(/Unknown indicator "nope"/u),
    });
    expect(await cli(['news', '--limit', '0'], env)).toMatchObject({
      code: 1,
      err: expect.stringMatching(/--limit must be/u),
    });
    expect(await cli(['news', 'fetch'], env)).toMatchObject({
      code: 2,
      err: expect.stringMatching(/NEWS_FEEDS is empty/u),
    });
  });
});
