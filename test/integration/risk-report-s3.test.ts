import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebRiskRouter } from '../../adapters/web/risk-routes.js';
import { describeConfig, loadConfig } from '../../src/config.js';
import { createRiskServices, type RiskServices } from '../../src/risk/risk-services.js';
import { syntheticMarket } from '../../src/risk/synthetic-market.js';
import { startFakeS3, type FakeS3 } from '../fakes/s3-server.js';

const market = syntheticMarket(2, 1_300, 11);
const ids = ['kospi', 'usdkrw'];
const history = async (id: string) => [...market[ids.indexOf(id)]!.points];

let s3: FakeS3;
let server: Server;
let base = '';
let risk: RiskServices;
beforeAll(async () => {
  s3 = await startFakeS3({ bucket: 'rx-reports', region: 'ap-northeast-2' });
  // The route is mounted before the services exist, so the port (the public base URL) is known to the config.
  const app = express();
  app.use('/risk', (req, res, next) => createWebRiskRouter({ reports: risk.reports })(req, res, next));
  server = createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = loadConfig({
    STORE: 'memory',
    PUBLIC_BASE_URL: base,
    REPORTS_S3_BUCKET: 'rx-reports',
    REPORTS_S3_ENDPOINT: s3.url,
    REPORTS_S3_REGION: 'ap-northeast-2',
    AWS_ACCESS_KEY_ID: s3.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
  });
  expect(JSON.stringify(describeConfig(config))).not.toContain(s3.secretAccessKey);
  risk = createRiskServices(config, { history });
});
afterAll(async () => {
  await risk.close();
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  await s3.close();
});

describe('risk reports in S3-compatible storage, configured by env', () => {
  it('writes the /risk report to the bucket and serves its chat link through our route', async () => {
    const reply = await risk.commands.run({
      userId: 'u1',
      locale: 'ko',
      command: 'risk',
      args: '코스피 60%, 달러 40%',
    });
    const url = /보고서: (http\S+)/u.exec(reply.text)![1]!;
    expect(url).toBe(`${base}/risk/reports/${reply.reportId}`);
    expect([...s3.objects.keys()]).toEqual([`reports/${reply.reportId}.html`]);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('data:image/png;base64,iVBORw0KGgo');
    expect(html).toBe(s3.objects.get(`reports/${reply.reportId}.html`)!.body.toString('utf8'));
    expect(s3.requests.every((r) => r.error === undefined)).toBe(true);
    // An unknown id is a 404 from the bucket, not a 500.
    expect((await fetch(`${base}/risk/reports/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });

  it('refuses to start S3 storage without credentials in the environment', () => {
    const config = loadConfig({ STORE: 'memory', REPORTS_S3_BUCKET: 'rx-reports', REPORTS_S3_ENDPOINT: s3.url });
    expect(() => createRiskServices(config, { history })).toThrow(/AWS_ACCESS_KEY_ID/u);
  });
});
