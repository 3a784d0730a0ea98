import express, { type Router } from 'express';
import { isRiskXpertError } from '../../src/errors.js';
import type { RiskReportStore } from '../../src/risk/risk-report.js';

/** GET /risk/reports/:id — a written risk report (HTML with its charts inlined), the link chat answers carry. */
export function createWebRiskRouter(deps: { reports: RiskReportStore }): Router {
  const router = express.Router();
  router.get('/reports/:id', async (req, res) => {
    try {
      const html = await deps.reports.read(req.params.id);
      // The charts are inlined PNG data URLs; nothing else (no script) is allowed on the page.
      res.setHeader('content-security-policy', "default-src 'none'; img-src data:; style-src 'unsafe-inline'");
      res.type('html').send(html);
    } catch (err) {
      const notFound = isRiskXpertError(err) && err.code === 'NOT_FOUND';
      res.status(notFound ? 404 : 500).json({
        error: {
          code: notFound ? 'NOT_FOUND' : 'INTERNAL',
          message: notFound ? 'No such report.' : 'The report could not be read.',
        },
      });
    }
  });
  return router;
}
