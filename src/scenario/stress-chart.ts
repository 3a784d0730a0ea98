import { t } from '../messages/t.js';
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
import type { StressPnl } from './stress-pnl.js';

export interface StressBar {
  label: string;
  /** P&L in won: losses drawn red, gains green. */
  pnlWon: number;
  /** The 80% band's ends in won, drawn as a whisker across the bar. */
  band?: { lowWon: number; highWon: number };
}

/** The chart's bars for a run: each holding's contribution with its band, then the portfolio's joint band. */
export function stressBars(pnl: StressPnl, locale: Locale): StressBar[] {
  const rows: StressBar[] = pnl.holdings.map((h) => ({
    label: h.symbol,
    pnlWon: h.pnlWon,
    ...(h.lowWon !== h.highWon ? { band: { lowWon: h.lowWon, highWon: h.highWon } } : {}),
  }));
  const b = pnl.band;
  rows.push({
    label: t(locale, 'scenario.chart.portfolio'),
    pnlWon: pnl.totalWon,
    ...(b && b.lowWon !== b.highWon ? { band: { lowWon: b.lowWon, highWon: b.highWon } } : {}),
  });
  return rows;
}

/** Whiskers from each bar's band low to high, with end caps. */
const whiskers = (bars: readonly StressBar[]): Plugin<'bar'> => ({
  id: 'rx-stress-band',
  afterDatasetsDraw(chart) {
    const x = chart.scales.x!;
    const ctx = chart.ctx;
    ctx.save();
    ctx.strokeStyle = '#343a40';
    ctx.lineWidth = 2;
    chart.getDatasetMeta(0).data.forEach((el, i) => {
      const band = bars[i]?.band;
      if (!band) return;
      const y = el.y;
      const [a, b] = [x.getPixelForValue(band.lowWon), x.getPixelForValue(band.highWon)];
      ctx.beginPath();
      ctx.moveTo(a, y);
      ctx.lineTo(b, y);
      for (const end of [a, b]) {
        ctx.moveTo(end, y - 6);
        ctx.lineTo(end, y + 6);
      }
      ctx.stroke();
    });
    ctx.restore();
  },
});

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
          // The whiskers must fit: the axis spans the bands, not only the bars.
          suggestedMin: Math.min(0, ...bars.map((b) => b.band?.lowWon ?? b.pnlWon)),
          suggestedMax: Math.max(0, ...bars.map((b) => b.band?.highWon ?? b.pnlWon)),
          title: {
            display: true,
            text: t(options.locale, 'scenario.chart.pnlAxis'),
            font: { family: CHART_FONT_FAMILY },
          },
          ticks: { font: { family: CHART_FONT_FAMILY } },
        },
        y: { ticks: { font: { family: CHART_FONT_FAMILY, size: 12 } } },
      },
    },
    plugins: [whiteBackground, whiskers(bars)],
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
