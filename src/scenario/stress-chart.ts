import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  LinearScale,
  Title,
  type ChartConfiguration,
  type ChartItem,
  type Plugin,
} from 'chart.js';
import { createCanvas } from '@napi-rs/canvas';
import { CHART_FONT_FAMILY, registerChartFonts } from '../chart/chartjs-renderer.js';
import { RiskXpertError } from '../errors.js';
import type { Locale } from '../locale.js';

export interface StressBar {
  label: string;
  /** P&L in won: losses drawn red, gains green. */
  pnlWon: number;
}

let registered = false;

const whiteBackground: Plugin<'bar'> = {
  id: 'rx-stress-white',
  beforeDraw(chart) {
    chart.ctx.save();
    chart.ctx.fillStyle = '#ffffff';
    chart.ctx.fillRect(0, 0, chart.width, chart.height);
    chart.ctx.restore();
  },
};

/**
 * A horizontal bar chart of P&L per holding (or per scenario), worst first, as PNG bytes. The fonts come from the
 * forecast charts (registered on first use, never at import), so Hangul labels render the same everywhere.
 */
export async function renderStressChart(
  bars: readonly StressBar[],
  options: { title: string; locale: Locale; width?: number; height?: number },
): Promise<Uint8Array> {
  registerChartFonts();
  if (!registered) {
    Chart.register(BarController, BarElement, CategoryScale, LinearScale, Title);
    registered = true;
  }
  const width = options.width ?? 800;
  const height = options.height ?? Math.max(240, 80 + bars.length * 36);
  const config: ChartConfiguration<'bar', number[], string> = {
    type: 'bar',
    data: {
      labels: bars.map((b) => b.label),
      datasets: [
        { data: bars.map((b) => b.pnlWon), backgroundColor: bars.map((b) => (b.pnlWon < 0 ? '#e03131' : '#2f9e44')) },
      ],
    },
    options: {
      indexAxis: 'y',
      responsive: false,
      animation: false,
      devicePixelRatio: 1,
      plugins: {
        legend: { display: false },
        title: { display: true, text: options.title, font: { family: CHART_FONT_FAMILY, size: 16, weight: 'bold' } },
      },
      scales: {
        x: {
          title: {
            display: true,
            text: options.locale === 'ko' ? '손익(원)' : 'P&L (KRW)',
            font: { family: CHART_FONT_FAMILY },
          },
          ticks: { font: { family: CHART_FONT_FAMILY } },
        },
        y: { ticks: { font: { family: CHART_FONT_FAMILY, size: 12 } } },
      },
    },
    plugins: [whiteBackground],
  };
  const canvas = createCanvas(width, height);
  let chart: Chart<'bar', number[], string> | undefined;
  try {
    chart = new Chart(canvas as unknown as ChartItem, config);
    const png = await canvas.encode('png');
    return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
  } catch (err) {
    throw new RiskXpertError('CHART_FAILED', `Stress chart rendering failed: ${(err as Error).message}`, {
      cause: err,
    });
  } finally {
    chart?.destroy();
  }
}
