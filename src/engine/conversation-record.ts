import { levelIndex } from '../forecast/forecaster.js';
import type { ConversationRecord } from '../store/store.js';
import type { AnswerEvent, DoneEvent, ForecastEvent } from './answer-types.js';
import type { Resolved } from './resolve-request.js';

/** The stored record of one answer (fresh or replayed); undefined when there was no forecast to record. */
export function conversationRecord(
  r: Resolved,
  events: AnswerEvent[],
  done: DoneEvent,
  createdAt: Date,
): ConversationRecord | undefined {
  const forecast = events.find((e): e is ForecastEvent => e.type === 'forecast');
  if (!forecast) return undefined;
  const summary = events.find((e) => e.type === 'summary');
  const chart = events.find((e) => e.type === 'chart');
  const scenario = events.map((e) => (e.type === 'scenario-delta' ? e.text : '')).join('');
  const lastPoint = forecast.history[forecast.history.length - 1]!;
  return {
    id: done.conversationId,
    platform: r.request.platform,
    userId: r.request.userId,
    request: {
      question: r.request.question,
      indicatorId: r.indicator.id,
      horizonMonths: r.horizonMonths,
      locale: r.locale,
    },
    forecast: {
      method: forecast.method,
      modelVersion: forecast.modelVersion,
      lastDate: lastPoint.date,
      lastValue: lastPoint.value,
      dates: forecast.dates,
      median: forecast.median,
      low: forecast.quantiles[levelIndex(forecast.levels, 0.1)]!,
      high: forecast.quantiles[levelIndex(forecast.levels, 0.9)]!,
      dataSource: forecast.dataSource,
      history: forecast.history,
    },
    summary: summary?.type === 'summary' ? summary.text : '',
    scenario,
    narrator: done.narrator,
    cached: done.cached,
    ...(done.usage ? { usage: done.usage } : {}),
    timings: done.timings,
    ...(chart?.type === 'chart' ? { chartHash: chart.hash } : {}),
    createdAt,
  };
}
