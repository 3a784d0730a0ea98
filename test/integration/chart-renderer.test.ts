import { readFileSync } from 'node:fs';
import { createCanvas, GlobalFonts, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import type { ChartSpec } from '../../src/chart/chart-renderer.js';
import { CHART_FONT_FAMILY, createChartRenderer } from '../../src/chart/chartjs-renderer.js';
import { readCsvSeries } from '../../src/data/read-csv-series.js';
import { resampleMonthEnd } from '../../src/data/resample.js';

const renderer = createChartRenderer({});

/** Decodes a PNG back into RGBA pixels with the canvas library's own decoder. */
async function decode(png: Uint8Array): Promise<{ width: number; height: number; data: Uint8ClampedArray }> {
  const img = await loadImage(Buffer.from(png));
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  return { width: img.width, height: img.height, data: ctx.getImageData(0, 0, img.width, img.height).data };
}

function spec(title = 'S&P 500 6개월 전망'): ChartSpec {
  const text = readFileSync('node_modules/vega-datasets/data/sp500.csv', 'utf8');
  const history = resampleMonthEnd(readCsvSeries(text, { dateCol: 'date', valueCol: 'price' }).points);
  const last = history.at(-1)!.value;
  const forecast = Array.from({ length: 6 }, (_, i) => ({
    date: `2010-${String(i + 4).padStart(2, '0')}-28`,
    median: last * (1 + 0.005 * (i + 1)),
    low: last * (1 - 0.04 * Math.sqrt(i + 1)),
    high: last * (1 + 0.05 * Math.sqrt(i + 1)),
  }));
  return {
    locale: 'ko',
    title,
    unit: '포인트',
    history: history.slice(-60),
    forecast,
    footnote: '자료: vega-datasets · 음영: 80% 예측구간',
  };
}

// The legend (bottom) repeats the series colours, so regions are checked inside the plot area only.
function countPixels(
  img: { width: number; data: Uint8ClampedArray },
  x0: number,
  x1: number,
  match: (r: number, g: number, b: number) => boolean,
): number {
  let n = 0;
  const height = img.data.length / 4 / img.width;
  for (let y = 40; y < height - 80; y += 1) {
    for (let x = x0; x < x1; x += 1) {
      const i = (y * img.width + x) * 4;
      if (match(img.data[i]!, img.data[i + 1]!, img.data[i + 2]!)) n += 1;
    }
  }
  return n;
}

describe('chart renderer (chart.js on @napi-rs/canvas)', () => {
  it('renders a real PNG of the requested size with history, median and band drawn where they belong', async () => {
    const png = await renderer.render(spec());
    expect(Buffer.from(png.subarray(0, 8)).toString('hex')).toBe('89504e470d0a1a0a');
    const img = await decode(png);
    expect([img.width, img.height]).toEqual([800, 450]);
    const nonWhite = countPixels(img, 0, img.width, (r, g, b) => r < 245 || g < 245 || b < 245);
    expect(nonWhite).toBeGreaterThan(800 * 450 * 0.03);
    // history line (dark navy) lies left of the forecast start; the orange band right of it
    const navy = (r: number, g: number, b: number) => r < 70 && g < 90 && b > 60 && b < 130;
    const band = (r: number, g: number, b: number) => r > 240 && g > 200 && g < 235 && b > 170 && b < 215;
    const split = Math.round(img.width * 0.8);
    expect(countPixels(img, 60, split, navy)).toBeGreaterThan(300);
    expect(countPixels(img, split, img.width, band)).toBeGreaterThan(300);
    expect(countPixels(img, 60, Math.round(img.width * 0.5), band)).toBe(0);
  });

  it('honours a custom size and English labels', async () => {
    const png = await renderer.render({
      ...spec('S&P 500: 6-month outlook'),
      locale: 'en',
      unit: 'pt',
      width: 640,
      height: 360,
    });
    const img = await decode(png);
    expect([img.width, img.height]).toEqual([640, 360]);
  });

  it('draws Hangul with the bundled font: two different strings of the same length give different pixels', async () => {
    const draw = (text: string, family: string) => {
      const canvas = createCanvas(240, 48);
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, 240, 48);
      ctx.fillStyle = '#000';
      ctx.font = `24px "${family}"`;
      ctx.fillText(text, 6, 34);
      return Buffer.from(ctx.getImageData(0, 0, 240, 48).data);
    };
    const a = draw('코스피 전망', CHART_FONT_FAMILY);
    const b = draw('환율의 전망', CHART_FONT_FAMILY);
    expect(a.equals(b)).toBe(false);
    expect(a.filter((v) => v < 128).length).toBeGreaterThan(200);

    // Without the bundled font the host falls back to its own fonts. On a host with no CJK font (this machine and
    // CI: DejaVu only) both strings come out as identical tofu boxes, which is exactly what the bundled font prevents.
    // Pretendard is ours (registered by the renderer under its own name too), so it does not count as the host's.
    const hostHasCjk = GlobalFonts.families.some((f) =>
      /cjk|nanum|noto sans kr|malgun|gothic|batang|gulim|unfonts|baekmuk/iu.test(f.family),
    );
    const ta = draw('코스피 전망', 'No Such Family');
    const tb = draw('환율의 전망', 'No Such Family');
    if (hostHasCjk) console.info('host has a CJK system font; tofu comparison not meaningful here');
    else expect(ta.equals(tb)).toBe(true);
  });

  it('charts with different Hangul titles differ only because of the title', async () => {
    const one = await decode(await renderer.render(spec('코스피 6개월 전망')));
    const two = await decode(await renderer.render(spec('환율의 6개월 전망')));
    let differing = 0;
    for (let i = 0; i < one.data.length; i += 4) if (one.data[i] !== two.data[i]) differing += 1;
    expect(differing).toBeGreaterThan(50);
  });

  it('rejects a font path that does not exist with CHART_FAILED', () => {
    expect(() => createChartRenderer({ fontPath: '/nonexistent/font.otf' })).toThrow(
      expect.objectContaining({ code: 'CHART_FAILED' }),
    );
  });
});
