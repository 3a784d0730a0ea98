import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import {
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Title,
  type ChartConfiguration,
  type ChartItem,
  type Plugin,
} from 'chart.js';
import { RiskXpertError } from '../errors.js';
import { t } from '../messages/t.js';
import type { ChartRenderer, ChartSpec } from './chart-renderer.js';

export const CHART_FONT_FAMILY = 'RiskXpert Pretendard';

const COLORS = {
  history: '#1f3a5f',
  median: '#d9480f',
  band: 'rgba(247, 103, 7, 0.18)',
  bandEdge: 'rgba(247, 103, 7, 0.45)',
  grid: '#e9ecef',
  text: '#212529',
  muted: '#6c757d',
};

/** The bundled Pretendard OTF (npm package `pretendard`), so Hangul never depends on the host's fonts. */
export function defaultFontPaths(): { regular: string; bold: string } {
  const pkg = createRequire(import.meta.url).resolve('pretendard/package.json');
  const dir = join(dirname(pkg), 'dist', 'public', 'static');
  return { regular: join(dir, 'Pretendard-Regular.otf'), bold: join(dir, 'Pretendard-Bold.otf') };
}

let registered = false;
function registerChartJs(): void {
  if (registered) return;
  Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Filler, Legend, Title);
  registered = true;
}

const whiteBackground: Plugin<'line'> = {
  id: 'rx-white-background',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/** A dotted vertical line where history ends and the forecast begins. */
function forecastStartMarker(index: number): Plugin<'line'> {
  return {
    id: 'rx-forecast-start',
    afterDatasetsDraw(chart) {
      const x = chart.scales.x?.getPixelForValue(index);
      const area = chart.chartArea;
      if (x === undefined || !area) return;
      const { ctx } = chart;
      ctx.save();
      ctx.strokeStyle = COLORS.muted;
      ctx.setLineDash([3, 4]);
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.moveTo(x, area.top);
      ctx.lineTo(x, area.bottom);
      ctx.stroke();
      ctx.restore();
    },
  };
}

function footnotePlugin(text: string | undefined): Plugin<'line'> {
  return {
    id: 'rx-footnote',
    afterDraw(chart) {
      if (!text) return;
      const { ctx, width, height } = chart;
      ctx.save();
      ctx.font = `11px "${CHART_FONT_FAMILY}"`;
      ctx.fillStyle = COLORS.muted;
      ctx.textAlign = 'right';
      ctx.textBaseline = 'bottom';
      ctx.fillText(text.length > 120 ? `${text.slice(0, 117)}...` : text, width - 10, height - 6);
      ctx.restore();
    },
  };
}

/**
 * The bundled Hangul-capable font under the chart family name, once per process (every chart, forecast or stress,
 * draws with it, so labels render the same on every host).
 */
export function registerChartFonts(options: { fontPath?: string; boldFontPath?: string } = {}): void {
  const paths = options.fontPath
    ? { regular: options.fontPath, bold: options.boldFontPath ?? options.fontPath }
    : defaultFontPaths();
  for (const path of [paths.regular, paths.bold]) {
    if (!existsSync(path))
      throw new RiskXpertError(
        'CHART_FAILED',
        `Cannot find the chart font ${path}; is the "pretendard" package installed?`,
      );
  }
  if (!GlobalFonts.has(CHART_FONT_FAMILY)) {
    for (const path of [paths.regular, paths.bold]) {
      if (!GlobalFonts.registerFromPath(path, CHART_FONT_FAMILY)) {
        throw new RiskXpertError('CHART_FAILED', `Cannot load the chart font from ${path}.`);
      }
    }
  }
}

/**
 * History, median forecast and the shaded 80% band, drawn with chart.js on @napi-rs/canvas.
 * Fonts and chart.js components are registered once per process, at the first factory call, never at import.
 */
export function createChartRenderer(options: {
  fontPath?: string;
  boldFontPath?: string;
  width?: number;
  height?: number;
}): ChartRenderer {
  registerChartFonts(options);
  registerChartJs();

  async function render(spec: ChartSpec): Promise<Uint8Array> {
    const width = spec.width ?? options.width ?? 800;
    const height = spec.height ?? options.height ?? 450;
    const h = spec.history.length;
    const config: LineConfig = {
      type: 'line',
      data: forecastData(spec),
      options: chartOptions(spec),
      plugins: [whiteBackground, forecastStartMarker(Math.max(0, h - 1)), footnotePlugin(spec.footnote)],
    };
    const canvas = createCanvas(width, height);
    let chart: Chart<'line', (number | null)[], string> | undefined;
    try {
      chart = new Chart(canvas as unknown as ChartItem, config);
      const png = await canvas.encode('png');
      return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
    } catch (err) {
      throw new RiskXpertError('CHART_FAILED', `Chart rendering failed: ${(err as Error).message}`, { cause: err });
    } finally {
      chart?.destroy();
    }
  }

  return { render };
}

type LineConfig = ChartConfiguration<'line', (number | null)[], string>;

/** The band's two edges (the lower filled up to the upper), the history, and the median. */
function forecastData(spec: ChartSpec): LineConfig['data'] {
  const labels = [...spec.history.map((p) => p.date.slice(0, 7)), ...spec.forecast.map((p) => p.date.slice(0, 7))];
  const pad = (n: number) => new Array<number | null>(n).fill(null);
  const h = spec.history.length;
  const lastHistory = spec.history[h - 1]?.value ?? null;
  // Forecast lines start at the last observed point so the fan visibly grows out of the history.
  const join = (values: number[]) => [...pad(Math.max(0, h - 1)), lastHistory, ...values];
  return {
    labels,
    datasets: [
      {
        label: t(spec.locale, 'chart.legend.bandUpper'),
        data: join(spec.forecast.map((p) => p.high)),
        borderColor: COLORS.bandEdge,
        borderWidth: 1,
        pointRadius: 0,
        fill: false,
      },
      {
        label: t(spec.locale, 'chart.legend.band'),
        data: join(spec.forecast.map((p) => p.low)),
        borderColor: COLORS.bandEdge,
        borderWidth: 1,
        backgroundColor: COLORS.band,
        pointRadius: 0,
        fill: '-1',
      },
      {
        label: t(spec.locale, 'chart.legend.history'),
        data: [...spec.history.map((p) => p.value), ...pad(spec.forecast.length)],
        borderColor: COLORS.history,
        borderWidth: 2,
        pointRadius: 0,
        fill: false,
      },
      {
        label: t(spec.locale, 'chart.legend.median'),
        data: join(spec.forecast.map((p) => p.median)),
        borderColor: COLORS.median,
        borderWidth: 2.5,
        borderDash: [6, 4],
        pointRadius: 0,
        fill: false,
      },
    ],
  };
}

function chartOptions(spec: ChartSpec): LineConfig['options'] {
  return {
    responsive: false,
    animation: false,
    devicePixelRatio: 1,
    layout: { padding: { left: 8, right: 16, top: 4, bottom: 18 } },
    font: { family: CHART_FONT_FAMILY },
    plugins: {
      title: {
        display: true,
        text: spec.title,
        color: COLORS.text,
        font: { family: CHART_FONT_FAMILY, size: 18, weight: 'bold' },
      },
      legend: {
        position: 'bottom',
        labels: {
          color: COLORS.text,
          font: { family: CHART_FONT_FAMILY, size: 12 },
          boxWidth: 18,
          filter: (item) => item.datasetIndex !== 0,
        },
      },
    },
    scales: {
      x: {
        ticks: {
          color: COLORS.muted,
          font: { family: CHART_FONT_FAMILY, size: 11 },
          maxRotation: 0,
          autoSkip: true,
          maxTicksLimit: 10,
        },
        grid: { color: COLORS.grid },
      },
      y: {
        title: {
          display: true,
          text: spec.unit,
          color: COLORS.muted,
          font: { family: CHART_FONT_FAMILY, size: 12 },
        },
        ticks: { color: COLORS.muted, font: { family: CHART_FONT_FAMILY, size: 11 } },
        grid: { color: COLORS.grid },
      },
    },
  };
}
