import type { Locale } from '../locale.js';

export interface ChartSpec {
  locale: Locale;
  title: string;
  unit: string;
  history: { date: string; value: number }[];
  forecast: { date: string; median: number; low: number; high: number }[];
  /** Small footer text, e.g. data source and "80% band". */
  footnote?: string;
  width?: number;
  height?: number;
}

export interface ChartRenderer {
  render(spec: ChartSpec): Promise<Uint8Array>;
}
