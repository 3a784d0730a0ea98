import { Option } from 'commander';
import type { CliContext, CommandRegistrar } from '../cli.js';
import { RiskXpertError } from '../errors.js';
import { LOCALES, type Locale } from '../locale.js';
import { loadNewsConfig } from '../news/news-config.js';
import { newsAnswerJson, queryNews } from '../news/news-query.js';
import { createNewsServices } from '../news/news-services.js';
import { openNewsStore } from '../news/open-news-store.js';
import { openAiComplete } from '../news/openai-complete.js';
import { createOpenAiClient } from '../app/clients/openai.js';
import { openStores } from '../store/open-stores.js';
import { t } from '../messages/t.js';

interface QueryOptions {
  indicator?: string;
  limit?: number;
  lang?: Locale;
  json?: boolean;
}

/** The news store on the configured backend, and the store set under it (closed together). */
async function openNews(ctx: CliContext) {
  const config = ctx.config();
  const stores = openStores(config);
  await stores.init();
  const mongo = config.store.mongoUrl ? { url: config.store.mongoUrl, dbName: config.store.dbName } : undefined;
  const store = openNewsStore(stores, mongo);
  await store.init();
  return { config, stores, store };
}

const parseLimit = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 50)
    throw new RiskXpertError('BAD_REQUEST', '--limit must be a whole number from 1 to 50');
  return n;
};

async function runNewsQuery(ctx: CliContext, words: string[], opts: QueryOptions): Promise<void> {
  const { config, stores, store } = await openNews(ctx);
  try {
    const locale = opts.lang ?? config.answer.defaultLocale;
    const complete = openAiComplete(config.llm, createOpenAiClient(config.llm));
    const answer = await queryNews({
      store,
      query: words.join(' '),
      locale,
      now: new Date(),
      ...(opts.indicator ? { indicatorId: opts.indicator } : {}),
      ...(opts.limit ? { limit: opts.limit } : {}),
      ...(complete ? { complete } : {}),
    });
    if (opts.json) return ctx.io.out(`${JSON.stringify(newsAnswerJson(answer), null, 2)}\n`);
    if (answer.items.length === 0) return ctx.io.out(`${t(locale, 'news.cliEmpty')}\n`);
    for (const i of answer.items) {
      ctx.io.out(
        `${i.publishedAt.slice(0, 16).replace('T', ' ')}  ${i.title}\n    ${i.sources.map((s) => s.name).join(', ')} · ${i.url}\n`,
      );
    }
    ctx.io.out(`\n${answer.summary.text}\n`);
  } finally {
    await store.close();
    await stores.close();
  }
}

async function runNewsFetch(ctx: CliContext, opts: { json?: boolean }): Promise<void> {
  const newsConfig = loadNewsConfig(ctx.env);
  if (newsConfig.feeds.length === 0 && !newsConfig.naver) {
    throw new RiskXpertError(
      'CONFIG_INVALID',
      'NEWS_FEEDS is empty: set it to comma-separated RSS/Atom URLs (see README).',
    );
  }
  const { stores, store } = await openNews(ctx);
  const services = createNewsServices({ config: newsConfig, store });
  try {
    const report = await services.fetchAll();
    if (opts.json) {
      ctx.io.out(
        `${JSON.stringify({ feeds: report.feeds, added: report.added.length, merged: report.merged, purged: report.purged }, null, 2)}\n`,
      );
    } else {
      for (const f of report.feeds) {
        ctx.io.out(
          `${f.status === 'error' ? '✗' : '✓'} ${f.name.padEnd(20)} ${f.status}${f.status === 'ok' ? ` (${f.entries} items)` : ''}${f.error ? `: ${f.error}` : ''}\n`,
        );
      }
      ctx.io.out(
        `${report.added.length} new, ${report.merged} merged into known stories, ${report.purged} past retention removed\n`,
      );
    }
    if (report.feeds.length > 0 && report.feeds.every((f) => f.status === 'error')) ctx.exitCode = 1;
  } finally {
    await services.close();
    await store.close();
    await stores.close();
  }
}

/** `riskxpert news [QUERY]` (stored headlines and their digest) and `riskxpert news fetch` (fetch every feed now). */
export const registerNewsCommand: CommandRegistrar = (program, ctx) => {
  const news = program
    .command('news')
    .description('Recent financial news on an indicator or words, with a digest; `news fetch` fetches NEWS_FEEDS now')
    .argument('[query...]', 'an indicator (코스피, 환율) or words to find')
    .option('-i, --indicator <id>', 'indicator id (see `riskxpert indicators`)')
    .option('-n, --limit <n>', 'items, 1..50', parseLimit)
    .addOption(new Option('-l, --lang <lang>', 'digest language').choices([...LOCALES]))
    .option('--json', 'print one JSON object')
    .action((words: string[], opts: QueryOptions) => runNewsQuery(ctx, words, opts));

  news
    .command('fetch')
    .description('Fetch every feed in NEWS_FEEDS (and Naver News when its keys are set) once, and report each')
    .option('--json', 'print the report as JSON')
    .action((opts: { json?: boolean }) => runNewsFetch(ctx, opts));
};
