import { writeFile } from 'node:fs/promises';
import type { AnswerEvent, AnswerRequest, Engine, ForecastEvent } from '../engine/answer-types.js';
import { levelIndex } from '../forecast/forecaster.js';
import type { Locale } from '../locale.js';
import { t } from '../messages/t.js';
import { formatForecastTable } from './format-table.js';
import { relatedNewsText } from '../news/related-news.js';

export interface AskOptions {
  question: string;
  indicator?: string;
  months?: number;
  lang?: Locale;
  json?: boolean;
  chart?: string;
  deadlineMs: number;
}

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

/**
 * `riskxpert ask`: the forecast table, the summary, then the scenario streamed as it arrives.
 * Returns the exit code (0 answered, 1 refused or failed).
 */
export async function runAsk(engine: Engine, options: AskOptions, io: Io, signal?: AbortSignal): Promise<number> {
  const request: AnswerRequest = {
    platform: 'cli',
    userId: 'cli:local',
    question: options.question,
    ...(options.indicator ? { indicatorId: options.indicator } : {}),
    ...(options.months !== undefined ? { horizonMonths: options.months } : {}),
    ...(options.lang ? { locale: options.lang } : {}),
  };
  const events: AnswerEvent[] = [];
  let forecast: ForecastEvent | undefined;
  let scenario = '';
  let exit = 0;
  const stream = engine.answer(request, { deadline: Date.now() + options.deadlineMs, ...(signal ? { signal } : {}) });

  for await (const event of stream) {
    events.push(event);
    switch (event.type) {
      case 'forecast':
        forecast = event;
        if (!options.json) io.out(`${formatForecastTable(event)}\n`);
        break;
      case 'chart':
        if (options.chart) {
          await writeFile(options.chart, event.png);
          if (!options.json) io.out(`${t(forecast?.locale ?? 'ko', 'cli.chart', { path: options.chart })}\n\n`);
        }
        break;
      case 'summary':
        if (!options.json) io.out(`${event.text}\n\n`);
        break;
      case 'scenario-delta':
        scenario += event.text;
        if (!options.json) io.out(event.text);
        break;
      case 'done':
        if (!options.json) {
          if (event.relatedNews) io.out(relatedNewsText(event.relatedNews, forecast?.locale ?? 'ko'));
          const t = event.timings;
          io.out(`\n\n— ${event.cached ? 'cached · ' : ''}${event.narrator} · ${Math.round(t.total ?? 0)} ms\n`);
        }
        break;
      case 'error':
        exit = 1;
        if (!options.json) io.err(`${event.message}\n`);
        break;
      case 'clarify':
        exit = 1;
        if (!options.json) io.err(formatClarify(event));
        break;
    }
  }

  if (options.json) io.out(`${JSON.stringify(toJson(events, forecast, scenario), null, 2)}\n`);
  return exit;
}

/** The question back with its choices, each as the command that picks it. */
function formatClarify(event: Extract<AnswerEvent, { type: 'clarify' }>): string {
  const lines = event.choices.map((c, i) => {
    const flags = [
      c.indicatorId ? `--indicator ${c.indicatorId}` : '',
      c.horizonMonths !== undefined ? `--months ${c.horizonMonths}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    return `  ${i + 1}. ${c.label}${flags ? `  (${flags})` : ''}`;
  });
  return `${event.message}\n${lines.join('\n')}${lines.length ? '\n' : ''}`;
}

function toJson(events: AnswerEvent[], forecast: ForecastEvent | undefined, scenario: string): unknown {
  const error = events.find((e) => e.type === 'error');
  if (error) return { error };
  const clarify = events.find((e) => e.type === 'clarify');
  if (clarify) return { clarify };
  const summary = events.find((e) => e.type === 'summary');
  const done = events.find((e) => e.type === 'done');
  const chart = events.find((e) => e.type === 'chart');
  if (!forecast) return { error: { code: 'INTERNAL', message: 'no forecast' } };
  const q = (p: number) => forecast.quantiles[levelIndex(forecast.levels, p)]!;
  return {
    indicator: forecast.indicator,
    horizonMonths: forecast.horizonMonths,
    locale: forecast.locale,
    method: forecast.method,
    modelVersion: forecast.modelVersion,
    fallbackReason: forecast.fallbackReason,
    dataSource: forecast.dataSource,
    sampleData: forecast.sampleData,
    last: forecast.history[forecast.history.length - 1],
    forecast: forecast.dates.map((date, i) => ({ date, p10: q(0.1)[i], median: forecast.median[i], p90: q(0.9)[i] })),
    facts: forecast.facts,
    summary: summary?.type === 'summary' ? summary.text : undefined,
    scenario,
    chart: chart?.type === 'chart' ? { sha256: chart.hash, bytes: chart.png.byteLength } : undefined,
    done,
  };
}
