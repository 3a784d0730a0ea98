import { t } from '../messages/t.js';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  type ChartConfiguration,
  type ChartItem,
} from 'chart.js';
import { RiskXpertError } from '../errors.js';
import type { Locale } from '../locale.js';
import type { RiskAnalysis } from './risk-analysis.js';
import { instrumentName } from '../data/stock-instruments.js';

let registered = false;
function register(): void {
  if (registered) return;
  Chart.register(
    LineController,
    LineElement,
    PointElement,
    BarController,
    BarElement,
    LinearScale,
    CategoryScale,
    Filler,
    Legend,
  );
  registered = true;
}

function png(config: ChartConfiguration): Buffer {
  register();
  const canvas = createCanvas(720, 360);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, 720, 360);
  const chart = new Chart(
    ctx as unknown as ChartItem,
    { ...config, options: { ...config.options, animation: false, responsive: false } } as ChartConfiguration,
  );
  const out = canvas.toBuffer('image/png');
  chart.destroy();
  return out;
}

/** Fan chart of the account's value (today = 100) over 12 months, and each holding's share of one-month ES. */
export function riskCharts(a: RiskAnalysis, locale: Locale): { fan: Buffer; contributions: Buffer } {
  const labels = ['0', ...a.risk.fan.map((f) => String(f.month))];
  const line = (key: 'p05' | 'p25' | 'p50' | 'p75' | 'p95') => [
    100,
    ...a.risk.fan.map((f) => Math.round(f[key] * 1000) / 10),
  ];
  const fan = png({
    type: 'line',
    data: {
      labels,
      datasets: [
        { label: '5%', data: line('p05'), borderColor: 'rgba(247,103,7,0.5)', pointRadius: 0, fill: false },
        {
          label: '95%',
          data: line('p95'),
          borderColor: 'rgba(247,103,7,0.5)',
          backgroundColor: 'rgba(247,103,7,0.15)',
          pointRadius: 0,
          fill: '-1',
        },
        { label: '25%', data: line('p25'), borderColor: 'rgba(217,72,15,0.6)', pointRadius: 0, fill: false },
        {
          label: '75%',
          data: line('p75'),
          borderColor: 'rgba(217,72,15,0.6)',
          backgroundColor: 'rgba(217,72,15,0.2)',
          pointRadius: 0,
          fill: '-1',
        },
        {
          label: t(locale, 'risk.report.median'),
          data: line('p50'),
          borderColor: '#1f3a5f',
          pointRadius: 0,
          fill: false,
        },
      ],
    },
  });
  const month = a.risk.horizons.find((h) => h.horizon === '1m')!;
  const contributions = png({
    type: 'bar',
    data: {
      labels: month.holdings.map((h) => instrumentName(h.id, locale)),
      datasets: [
        {
          label: t(locale, 'risk.report.esContribution'),
          data: month.holdings.map((h) => Math.round(h.es95 * 1000) / 10),
          backgroundColor: '#d9480f',
        },
      ],
    },
  });
  return { fan, contributions };
}

const escape = (s: string) => s.replace(/[&<>"']/gu, (c) => `&#${c.charCodeAt(0)};`);
const REPORT_ID = /^[0-9a-f-]{36}$/u;

export interface RiskReportStore {
  /** Writes the report and returns its id. */
  write(a: RiskAnalysis, text: string, locale: Locale): Promise<string>;
  read(id: string): Promise<string>;
}

/**
 * Where rendered reports are kept: the port a local folder (default) and S3-compatible object storage implement
 * (src/risk/s3-report-blobs.ts). `get` throws NOT_FOUND for an id it does not hold.
 */
export interface ReportBlobStore {
  put(id: string, html: string): Promise<void>;
  get(id: string): Promise<string>;
}

/** The id shape every store accepts; checked before an id becomes a path or an object key. */
export const isReportId = (id: string): boolean => REPORT_ID.test(id);

function renderReport(a: RiskAnalysis, text: string, locale: Locale): string {
  const charts = riskCharts(a, locale);
  const img = (b: Buffer, alt: string) =>
    `<img alt="${escape(alt)}" src="data:image/png;base64,${b.toString('base64')}">`;
  return `<!doctype html><html lang="${locale}"><meta charset="utf-8"><title>RiskXpert risk report ${escape(a.risk.asOf)}</title>
<body style="font-family:sans-serif;max-width:760px;margin:auto"><h1>RiskXpert ${escape(t(locale, 'risk.report.title'))} (${escape(a.risk.asOf)})</h1>
${text
  .split('\n')
  .map((l) => `<p>${escape(l)}</p>`)
  .join('\n')}
${img(charts.fan, 'fan chart')}
${img(charts.contributions, 'contributions')}
<p><small>${escape(t(locale, 'risk.report.education'))}</small></p></body></html>`;
}

/** Reports as single HTML files (charts inlined as PNG data URLs) under random UUIDs, kept by `blobs`. */
export function createReportStore(blobs: ReportBlobStore): RiskReportStore {
  return {
    async write(a, text, locale) {
      const id = randomUUID();
      await blobs.put(id, renderReport(a, text, locale));
      return id;
    },
    async read(id) {
      if (!isReportId(id)) throw new RiskXpertError('NOT_FOUND', 'No such report.');
      return blobs.get(id);
    },
  };
}

/** The default: one file per report in a local folder, RISKXPERT_HOME/reports. */
export function createFolderReportBlobs(dir: string): ReportBlobStore {
  return {
    async put(id, html) {
      if (!isReportId(id)) throw new RiskXpertError('BAD_REQUEST', 'A report id is a UUID.');
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, `${id}.html`), html);
    },
    async get(id) {
      if (!isReportId(id)) throw new RiskXpertError('NOT_FOUND', 'No such report.');
      try {
        return await readFile(join(dir, `${id}.html`), 'utf8');
      } catch {
        throw new RiskXpertError('NOT_FOUND', 'No such report.');
      }
    },
  };
}

export const createFolderReportStore = (dir: string): RiskReportStore =>
  createReportStore(createFolderReportBlobs(dir));
