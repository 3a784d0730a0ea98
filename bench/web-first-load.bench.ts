/**
 * `npm run bench:web` (first part): the web page's first load in headless Chromium on Chrome's "Fast 3G" profile
 * (DevTools' preset, applied with CDP Network.emulateNetworkConditions: 562.5 ms request latency = 150 ms RTT x
 * 3.75, 180,000 B/s down, 84,375 B/s up), cold cache, a first visit (no cookies). Prints, as medians of RUNS loads:
 * when the main card (the welcome card, or the question form) is first visible, and the bytes transferred.
 *
 * The baseline is measured in the same run: the page files of BENCH_WEB_BASELINE (a git ref, default `main`) are
 * served as that version served them (no compression, the Pretendard web fonts under /fonts), with /api and /auth
 * passed to the same running server. Without git or that ref, the figures recorded in issue 16 are printed instead.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import express from 'express';
import type { Browser } from 'playwright-core';
import { chromiumPath, launchChromium } from '../test/e2e/chromium.js';
import { startWebHarness } from '../test/e2e/web-harness.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const BASELINE_REF = process.env.BENCH_WEB_BASELINE ?? 'main';
export const FAST_3G = {
  offline: false,
  latency: 150 * 3.75,
  downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9,
  uploadThroughput: ((750 * 1000) / 8) * 0.9,
};
const TARGET = { cardMs: 1_500, bytes: 200_000 };
const RECORDED_BEFORE = { cardMs: 3_100, bytes: 568_000 };

/**
 * Marks the first animation frame in which a main card is shown. Injected with addInitScript (which the page's CSP
 * does not govern) so that the old and the new page are timed the same way, without help from either.
 */
const CARD_PROBE = `(() => {
  const shown = (id) => { const e = document.getElementById(id); return e && !e.hidden && e.getBoundingClientRect().height > 0; };
  const tick = () => {
    if (shown('welcome') || shown('ask-card')) window.__rxCardAt = performance.now();
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

async function firstLoad(browser: Browser, url: string): Promise<{ cardMs: number; bytes: number }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ko-KR' });
  try {
    const page = await context.newPage();
    await page.addInitScript(CARD_PROBE);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', FAST_3G);
    // Transferred bytes as Chromium counts them (headers and encoded bodies), for every request of the load.
    let bytes = 0;
    const pending = new Set<unknown>();
    let settled: () => void = () => undefined;
    const finish = (r: unknown) => {
      pending.delete(r);
      if (pending.size === 0) settled();
    };
    page.on('request', (r) => pending.add(r));
    page.on('requestfailed', finish);
    page.on('requestfinished', (r) => {
      void r.sizes().then((z) => {
        bytes += z.responseHeadersSize + z.responseBodySize;
        finish(r);
      });
    });
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    // Everything the first load fetches (start-up requests, late fonts) is counted, not only what came before 'load'.
    // Chromium sometimes never reports a small 401 as finished under emulation: wait at most 5 s for stragglers.
    if (pending.size > 0)
      await Promise.race([new Promise<void>((r) => (settled = r)), new Promise((r) => setTimeout(r, 5_000))]);
    const cardMs = await page.evaluate<number>('window.__rxCardAt');
    return { cardMs, bytes };
  } finally {
    await context.close();
  }
}

/** The baseline ref's page files, served as that version did; /api and /auth go to the running server. */
async function startBaseline(apiBase: string): Promise<{ url: string; close(): Promise<void> } | undefined> {
  let dir: string;
  try {
    const files = execFileSync('git', ['ls-tree', '-r', '--name-only', BASELINE_REF, 'adapters/web/public/'], {
      encoding: 'utf8',
    })
      .split('\n')
      .filter(Boolean);
    if (!files.includes('adapters/web/public/index.html')) return undefined;
    dir = mkdtempSync(join(tmpdir(), 'rx-web-baseline-'));
    for (const f of files) {
      const out = join(dir, f.slice('adapters/web/public/'.length));
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, execFileSync('git', ['show', `${BASELINE_REF}:${f}`]));
    }
  } catch {
    return undefined;
  }
  const app = express();
  const fonts = join(
    dirname(createRequire(import.meta.url).resolve('pretendard/package.json')),
    'dist',
    'web',
    'static',
    'woff2-subset',
  );
  app.use('/fonts', express.static(fonts, { maxAge: '30d', immutable: true }));
  app.use(['/api', '/auth'], async (req, res) => {
    const upstream = await fetch(`${apiBase}${req.originalUrl}`, {
      method: req.method,
      headers: { 'x-riskxpert-web': req.header('x-riskxpert-web') ?? '', cookie: req.header('cookie') ?? '' },
    });
    res.status(upstream.status);
    upstream.headers.forEach((v, k) => {
      if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(k)) res.setHeader(k, v);
    });
    res.send(Buffer.from(await upstream.arrayBuffer()));
  });
  app.use(express.static(dir, { maxAge: '5m' }));
  const server: Server = createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (b: number) => `${(b / 1000).toFixed(1)} KB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function run(): Promise<void> {
  const exe = chromiumPath();
  if (!exe) throw new Error('No Chromium: apt-get install chromium (or set CHROMIUM_PATH)');
  console.log(
    `# web first load, Fast 3G (latency ${FAST_3G.latency} ms, ${FAST_3G.downloadThroughput} B/s down, ${FAST_3G.uploadThroughput} B/s up), cold cache, first visit, median of ${RUNS}`,
  );
  const h = await startWebHarness();
  const baseline = await startBaseline(h.base);
  const browser = await launchChromium(exe);
  try {
    const rows: { name: string; cardMs: number; bytes: number }[] = [];
    for (const [name, url] of [
      [`this tree`, `${h.base}/`],
      ...(baseline ? [[`baseline (${BASELINE_REF})`, baseline.url]] : []),
    ] as const) {
      const loads = [];
      for (let i = 0; i < RUNS; i += 1) loads.push(await firstLoad(browser, url));
      rows.push({ name, cardMs: median(loads.map((l) => l.cardMs)), bytes: median(loads.map((l) => l.bytes)) });
    }
    if (!baseline) rows.push({ name: 'before (recorded in issue 16)', ...RECORDED_BEFORE });
    for (const r of rows)
      console.log(
        `${r.name.padEnd(32)} main card visible ${s(r.cardMs).padStart(7)} | transferred ${kb(r.bytes).padStart(9)}`,
      );
    const now = rows[0]!;
    console.log(
      `targets: main card < ${s(TARGET.cardMs)} (${now.cardMs < TARGET.cardMs ? 'met' : 'MISSED'}), transferred < ${kb(TARGET.bytes)} (${now.bytes < TARGET.bytes ? 'met' : 'MISSED'})`,
    );
  } finally {
    await browser.close();
    await baseline?.close();
    await h.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
