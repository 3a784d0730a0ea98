// npm run bench:news — ingest of 50 feeds × 100 items (real HTTP over loopback, real parsing, de-duplication into
// the embedded SQLite store), items per second and peak memory, beside two baselines measured in the same run:
// fetch + parse alone (what de-duplication and storing add), and the same de-duplication by all-pairs comparison
// (what the inverted trigram index saves).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOutboundUrlGuard } from '../src/net/outbound-url-guard.js';
import { readFeed } from '../src/news/feed-reader.js';
import { createHostPacer } from '../src/news/host-pacer.js';
import { loadNewsConfig } from '../src/news/news-config.js';
import { createNewsServices } from '../src/news/news-services.js';
import { NewsDeduper } from '../src/news/news-deduper.js';
import type { FeedEntry } from '../src/news/news-types.js';
import { createSqliteNewsStore } from '../src/news/sqlite-news-store.js';
import { sameStory, trigrams } from '../src/news/title-similarity.js';
import { openSqliteDatabase } from '../src/store/sqlite-database.js';
import { rss, startNewsFeedServer } from '../test/fakes/news-feed-server.js';

const FEEDS = 50;
const PER_FEED = 100;
const STORIES = 1_500;
const SUBJECTS = [
  '코스피',
  '원·달러 환율',
  '기준금리',
  '국제유가',
  '금값',
  '국고채 3년물',
  'S&P 500',
  '엔화',
  '소비자물가',
  '코스닥',
];
const VERBS = ['급등', '급락', '반등', '약세', '강세', '보합', '사상 최고', '연중 최저', '변동성 확대', '숨 고르기'];
const WHY = [
  '외국인 매도',
  '연준 발언',
  '수출 호조',
  '위험회피',
  '차익 실현',
  '정책 기대',
  '지정학 긴장',
  '실적 발표',
  '유가 급등',
  '달러 강세',
  '반도체 업황',
  '중국 경기',
  '국채 발행',
  '환헤지 수요',
  '연기금 매수',
];

/** Story s as outlet f titles it: each story is carried by three outlets, with a prefix or a suffix of their own. */
function title(s: number, f: number): string {
  const base = `${SUBJECTS[s % 10]} ${VERBS[Math.floor(s / 10) % 10]}… ${WHY[Math.floor(s / 100) % 15]}에 ${1_000 + s}선 공방`;
  return f % 3 === 0 ? `[속보] ${base}` : f % 3 === 1 ? `${base} - 매체${f}` : base;
}

function feedBody(f: number, now: number): string {
  return rss(
    Array.from({ length: PER_FEED }, (_, k) => {
      const s = (f * PER_FEED + k) % STORIES;
      return {
        title: title(s, f),
        link: `https://outlet${f}.example/news/${s}?utm_source=rss`,
        description: `${title(s, f)} 기사 요약`,
        pubDate: new Date(now - (s % 600) * 60_000).toUTCString(),
      };
    }),
  );
}

function peakMemory(): { stop(): { rssMb: number; heapMb: number } } {
  let rss = process.memoryUsage().rss;
  let heap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  }, 5);
  return {
    stop() {
      clearInterval(timer);
      return { rssMb: rss / 2 ** 20, heapMb: heap / 2 ** 20 };
    },
  };
}

function allPairsDedupe(entries: FeedEntry[]): number {
  const kept: Set<string>[] = [];
  for (const e of entries) {
    const g = trigrams(e.title);
    const dup = kept.some((k) => {
      let shared = 0;
      for (const x of g) if (k.has(x)) shared += 1;
      return sameStory(shared, g.size, k.size);
    });
    if (!dup) kept.push(g);
  }
  return kept.length;
}

async function main(): Promise<void> {
  const server = await startNewsFeedServer();
  const now = Date.now();
  for (let f = 0; f < FEEDS; f += 1) server.set(`/f${f}.xml`, { body: feedBody(f, now) });
  const config = loadNewsConfig({
    NEWS_FEEDS: Array.from({ length: FEEDS }, (_, f) => `outlet${f}=${server.url}/f${f}.xml`).join(','),
    NEWS_HOST_GAP_MS: '0',
    NEWS_MAX_FEED_BYTES: '5000000',
  });
  const permitAddress = (a: string) => a === '127.0.0.1';
  const total = FEEDS * PER_FEED;
  global.gc?.();

  // Baseline 1: fetch + parse only.
  const guard = createOutboundUrlGuard({ allowedHosts: ['127.0.0.1'], allowHttp: true, permitAddress });
  const pacer = createHostPacer(0);
  let mem = peakMemory();
  let t0 = performance.now();
  const outcomes = await Promise.all(
    config.feeds.map((feed) =>
      readFeed(
        { guard, pacer, limits: { maxFeedBytes: 5_000_000, feedTimeoutMs: 15_000 }, now: () => new Date() },
        feed,
        undefined,
      ),
    ),
  );
  const parseMs = performance.now() - t0;
  const parseMem = mem.stop();
  const entries = outcomes.flatMap((o) => (o.status === 'ok' ? o.entries : []));
  await pacer.stop();
  await guard.close();

  // Baseline 2: all-pairs de-duplication of the same entries.
  t0 = performance.now();
  const naiveStories = allPairsDedupe(entries);
  const naiveMs = performance.now() - t0;
  // The same entries through the indexed de-duplication alone (no I/O), to compare like with like.
  t0 = performance.now();
  const indexed = new NewsDeduper();
  const at = new Date().toISOString();
  for (const e of entries) indexed.add(e, { name: 'x' }, at, []);
  const indexedMs = performance.now() - t0;

  // The ingest: fetch, parse, tag, de-duplicate with the index, store in SQLite.
  const dir = await mkdtemp(join(tmpdir(), 'rx-news-bench-'));
  const db = openSqliteDatabase(join(dir, 'riskxpert.db'));
  const store = createSqliteNewsStore(db);
  const services = createNewsServices({ config, store, permitAddress });
  global.gc?.();
  mem = peakMemory();
  t0 = performance.now();
  const report = await services.fetchAll();
  const ingestMs = performance.now() - t0;
  const ingestMem = mem.stop();
  const stored = (await store.search({ limit: 5_000 })).length;
  const sources = (await store.search({ limit: 5_000 })).reduce((n, i) => n + i.sources.length, 0);
  await services.close();
  db.close();
  await rm(dir, { recursive: true, force: true });
  await server.close();

  const rate = (ms: number) => Math.round(total / (ms / 1_000)).toLocaleString('en');
  console.log(
    `news ingest: ${FEEDS} feeds × ${PER_FEED} items = ${total} entries, ${STORIES} distinct stories, each carried by 3 outlets`,
  );
  console.log(
    `  baseline, fetch + parse only         ${parseMs.toFixed(0).padStart(6)} ms  ${rate(parseMs).padStart(8)} items/s  peak rss ${parseMem.rssMb.toFixed(0)} MB, heap ${parseMem.heapMb.toFixed(0)} MB`,
  );
  console.log(
    `  baseline, all-pairs de-dup (no I/O)  ${naiveMs.toFixed(0).padStart(6)} ms  ${rate(naiveMs).padStart(8)} items/s  → ${naiveStories} stories`,
  );
  console.log(
    `  indexed de-dup (no I/O)              ${indexedMs.toFixed(0).padStart(6)} ms  ${rate(indexedMs).padStart(8)} items/s  → ${indexed.size} stories`,
  );
  console.log(
    `  ingest: fetch, parse, tag, indexed de-dup, SQLite  ${ingestMs.toFixed(0).padStart(6)} ms  ${rate(ingestMs).padStart(8)} items/s  peak rss ${ingestMem.rssMb.toFixed(0)} MB, heap ${ingestMem.heapMb.toFixed(0)} MB`,
  );
  console.log(
    `  → ${report.added.length} stories stored (${stored} read back) with ${sources} sources; ${report.feeds.filter((f) => f.status !== 'ok').length} feeds failed`,
  );
}

await main();
