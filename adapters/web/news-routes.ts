import express, { type Router } from 'express';
import { z } from 'zod';
import { CATALOG } from '../../src/data/catalog.js';
import { isRiskXpertError } from '../../src/errors.js';
import { newsAnswerJson, queryNews } from '../../src/news/news-query.js';
import type { NewsStore } from '../../src/news/news-store.js';

const INDICATOR_IDS = CATALOG.map((i) => i.id) as [string, ...string[]];
export const NEWS_PAGE_MAX = 20;

/** The query string, checked once here: a short search, a catalog indicator, a bounded page. */
const newsQuery = z.object({
  q: z.string().trim().max(60).optional(),
  indicator: z.enum(INDICATOR_IDS).optional(),
  limit: z.coerce.number().int().min(1).max(NEWS_PAGE_MAX).default(10),
  locale: z.enum(['ko', 'en']).optional(),
});

const MESSAGES = {
  ko: '검색어는 60자 이하, indicator는 지표 목록의 id, limit는 1~20이어야 합니다.',
  en: 'q is at most 60 characters, indicator a catalog id, limit 1 to 20.',
};

/**
 * GET /api/news?q=&indicator=&limit=: stored headlines (title, link, outlets, date, indicators) and their digest.
 * Public headlines, so no login; the digest here is always the deterministic extractive one: a page view must not
 * cost an LLM call.
 */
export function createNewsRoutes(deps: { store: NewsStore; now?: () => Date }): Router {
  const router = express.Router();
  router.get('/', async (req, res, next) => {
    const parsed = newsQuery.safeParse(req.query);
    const locale =
      parsed.success && parsed.data.locale
        ? parsed.data.locale
        : /^en/iu.test(req.header('accept-language') ?? '')
          ? 'en'
          : 'ko';
    if (!parsed.success)
      return void res.status(400).json({ error: { code: 'BAD_REQUEST', message: MESSAGES[locale] } });
    const { q, indicator, limit } = parsed.data;
    try {
      const answer = await queryNews({
        store: deps.store,
        locale,
        now: (deps.now ?? (() => new Date()))(),
        limit,
        ...(q ? { query: q } : {}),
        ...(indicator ? { indicatorId: indicator } : {}),
      });
      res.setHeader('cache-control', 'no-store');
      res.json({ ...newsAnswerJson(answer), ...(answer.indicatorId ? { indicatorId: answer.indicatorId } : {}) });
    } catch (err) {
      if (isRiskXpertError(err) && err.code === 'STORE_UNAVAILABLE')
        return void res
          .status(503)
          .setHeader('retry-after', '5')
          .json({
            error: {
              code: err.code,
              message: locale === 'en' ? 'News cannot be read right now.' : '지금은 뉴스를 읽을 수 없습니다.',
            },
          });
      next(err);
    }
  });
  return router;
}
