import { Option } from 'commander';
import type { CommandRegistrar } from '../cli.js';
import { RiskXpertError } from '../errors.js';
import { LOCALES, type Locale } from '../locale.js';
import { loadNewsConfig } from '../news/news-config.js';
import { newsAnswerJson, queryNews } from '../news/news-query.js';
import { createNewsServices } from '../news/news-services.js';
import { openNewsStore } from '../news/open-news-store.js';
import { openAiComplete } from '../news/openai-complete.js';
import { createOpenAiClient } from '../app/clients/openai.js';
import { openStores } from '../store/open-stores.js';

/** `riskxpert news [QUERY]` (stored headlines and their digest) and `riskxpert news fetch` (fetch every feed now). */
export const registerNewsCommand: CommandRegistrar = (program, ctx) => {
  const open = async () => {
    const config = ctx.config();
    const stores = openStores(config);
    await stores.init();
    const store = openNewsStore(
      stores,
      config.store.mongoUrl ? { url: config.store.mongoUrl, dbName: config.store.dbName } : undefined,
    );
    await store.init();
    return { config, stores, store };
  };

  const news = program
    .command('news')
    .description('Recent financial news on an indicator or words, with a digest; `news fetch` fetches NEWS_FEEDS now')
    .argument('[query...]', 'an indicator (코스피, 환율) or words to find')
    .option('-i, --indicator <id>', 'indicator id (see `riskxpert indicators`)')
    .option('-n, --limit <n>', 'items, 1..50', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 50)
        throw new RiskXpertError('BAD_REQUEST', '--limit must be a whole number from 1 to 50');
      return n;
    })
    .addOption(new Option('-l, --lang <lang>', 'digest language').choices([...LOCALES]))
    .option('--json', 'print one JSON object')
    .action(async (words: string[], opts: { indicator?: string; limit?: number; lang?: Locale; json?: boolean }) => {
      const { config, stores, store } = await open();
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
        if (opts.json) {
          ctx.io.out(`${JSON.stringify(newsAnswerJson(answer), null, 2)}\n`);
          return;
        }
        if (answer.items.length === 0) {
          ctx.io.out(
            locale === 'ko'
              ? '저장된 뉴스가 없어요. `riskxpert news fetch`로 NEWS_FEEDS를 먼저 읽어 오세요.\n'
              : 'No stored news. Run `riskxpert news fetch` to read NEWS_FEEDS first.\n',
          );
          return;
        }
        for (const i of answer.items)
          ctx.io.out(
            `${i.publishedAt.slice(0, 16).replace('T', ' ')}  ${i.title}\n    ${i.sources.map((s) => s.name).join(', ')} · ${i.url}\n`,
          );
        ctx.io.out(`\n${answer.summary.text}\n`);
      } finally {
        await store.close();
        await stores.close();
      }
    });

  news
    .command('fetch')
    .description('Fetch every feed in NEWS_FEEDS (and Naver News when its keys are set) once, and report each')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { json?: boolean }) => {
      const newsConfig = loadNewsConfig(ctx.env);
      if (newsConfig.feeds.length === 0 && !newsConfig.naver)
        throw new RiskXpertError(
          'CONFIG_INVALID',
          'NEWS_FEEDS is empty: set it to comma-separated RSS/Atom URLs (see README).',
        );
      const { stores, store } = await open();
      const services = createNewsServices({ config: newsConfig, store });
      try {
        const report = await services.fetchAll();
        if (opts.json) {
          ctx.io.out(
            `${JSON.stringify({ feeds: report.feeds, added: report.added.length, merged: report.merged, purged: report.purged }, null, 2)}\n`,
          );
        } else {
          for (const f of report.feeds)
            ctx.io.out(
              `${f.status === 'error' ? '✗' : '✓'} ${f.name.padEnd(20)} ${f.status}${f.status === 'ok' ? ` (${f.entries} items)` : ''}${f.error ? `: ${f.error}` : ''}\n`,
            );
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
    });
};
