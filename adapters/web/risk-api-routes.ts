import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { RiskCommands } from '../../src/risk/risk-commands.js';

const body = z.object({ holdings: z.string().trim().min(1).max(300), locale: z.enum(['ko', 'en']).optional() });

/**
 * POST /api/risk (behind the page's login): the risk of holdings stated as text ("삼성전자 50%, 코스피 30%"),
 * the same analysis and text as /risk in chat. Web users have no paper account, so holdings are always stated.
 */
export function createRiskApiRoutes(risk: RiskCommands): Router {
  const router = express.Router();
  router.use(express.json({ limit: '4kb' }));
  router.post('/', async (req: Request, res: Response, next: NextFunction) => {
    const parsed = body.safeParse(req.body);
    const locale =
      parsed.success && parsed.data.locale
        ? parsed.data.locale
        : /^en/iu.test(req.header('accept-language') ?? '')
          ? 'en'
          : 'ko';
    if (!parsed.success) {
      const message =
        locale === 'en'
          ? 'State holdings as text, e.g. "KOSPI 60%, dollar 40%" (up to 300 characters).'
          : '보유 종목을 글로 적어 주세요. 예: "코스피 60%, 달러 40%" (300자 이내)';
      return void res.status(400).json({ error: { code: 'BAD_REQUEST', message } });
    }
    try {
      const r = await risk.run({
        userId: `web:${String(res.locals.userId)}`,
        locale,
        command: 'risk',
        args: parsed.data.holdings,
      });
      // Without an analysis the text is the parse error, in the user's language.
      if (!r.analysis) return void res.status(400).json({ error: { code: 'BAD_REQUEST', message: r.text } });
      const a = r.analysis;
      res.json({
        text: r.text,
        asOf: a.risk.asOf,
        // 'monthly' when a holding has monthly data only: month-end model, no 1-day horizon (docs/risk.md).
        frequency: a.risk.frequency,
        score: a.score.score,
        horizons: a.risk.horizons.map((h) => ({ horizon: h.horizon, var95: h.var95, es95: h.es95 })),
        holdings: a.holdings,
        recommendation: a.recommendation,
        ...(r.reportId ? { reportUrl: `/risk/reports/${r.reportId}` } : {}),
      });
    } catch (err) {
      next(err);
    }
  });
  return router;
}
