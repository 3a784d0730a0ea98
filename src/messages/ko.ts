/**
 * Every user-facing Korean text of the engine, narrator, alerts, simulator and CLI. `{name}` is a parameter;
 * `{name:으로/로}` is a parameter followed by the Korean particle that fits how it is read aloud.
 * en.ts must hold the same keys with the same parameters (a unit test checks).
 */
export const ko = {
  // Time framing and old data (engine).
  'stale.dataEnds': '자료가 {date}까지만 있어({ageDays}일 전), 그 뒤의 움직임은 이 답에 반영되지 않았습니다.',
  'stale.loadFailed': '최신 데이터를 불러오지 못해 {date}까지의 자료({ageDays}일 전)로 답했습니다.',
  'time.monthEnd': '{month} 말',

  // Deterministic narrator: summary.
  'narrator.trend.strong-up': '뚜렷한 상승',
  'narrator.trend.up': '완만한 상승',
  'narrator.trend.flat': '보합권',
  'narrator.trend.down': '완만한 하락',
  'narrator.trend.strong-down': '뚜렷한 하락',
  'narrator.spread.narrow': '불확실성은 비교적 작은 편입니다',
  'narrator.spread.moderate': '불확실성은 보통 수준입니다',
  'narrator.spread.wide': '불확실성이 큰 편이어서 숫자 하나보다 구간을 보시는 것이 좋습니다',
  'narrator.summary.lead': '{name}의 {horizon}개월 뒤({target}) 중앙 전망은 {median:으로/로}, {asOf} {last} 대비 {change}의 {trend} 흐름입니다.',
  'narrator.summary.leadStale': '{asOf} 자료 기준, {horizon}개월 뒤인 {target}의 {name} 중앙 전망은 {median:으로/로}, 기준일의 {last} 대비 {change}의 {trend} 흐름입니다.',
  'narrator.summary.band': '80% 예측구간은 {range}(폭 {width})이며, {spread}.',
  'narrator.summary.yoy': '전년 같은 달 대비 상승률로 보면 {asOf} {yoyLast}에서 {target} {yoyMedian}(80% 구간 {yoyLow}~{yoyHigh}) 수준입니다.',
  'narrator.summary.sample': '이 답변은 오프라인 샘플 데이터({source})로 계산했으며 실시간 시세가 아닙니다.',
  'narrator.summary.fallback': '참고: 기본 모델 대신 통계 기준모형({method})을 썼습니다. ({reason})',

  // Deterministic narrator: scenario.
  'narrator.scenario.base': '기본 시나리오: {target} {name:은/는} {median} 안팎({change})에서 {trend:을/를} 보이는 경우입니다. 모델이 본 과거 흐름이 이어진다고 가정한 가운데 값이며, 실제 결과의 절반은 이보다 높고 절반은 낮을 것으로 봅니다.',
  'narrator.scenario.up': '상승 시나리오: 상위 10% 경우에는 {high}({highChange}) 이상도 가능합니다. {drivers} 이쪽에 가까워질 수 있습니다.',
  'narrator.scenario.down': '하락 시나리오: 하위 10% 경우에는 {low}({lowChange}) 이하로 내려갈 수 있습니다. {drivers} 이쪽에 가까워집니다.',
  'narrator.scenario.watch': '주목할 점: {sentences}',
  'narrator.scenario.disclaimer': '이 전망은 과거 데이터로 학습한 통계 모델의 확률적 추정이며 투자 권유가 아닙니다. 10번 중 2번은 실제 값이 위 구간 밖에 있을 수 있습니다.',
  'narrator.risk.trailing': '최근 12개월 변화는 {trailing}, 최근 3년 월간 변화의 변동성(연율)은 {volatility}입니다.',
  'narrator.risk.highVol': '변동성이 높은 구간이라 한두 달 사이에도 구간 끝까지 움직일 수 있습니다.',
  'narrator.risk.lowVol': '변동성이 낮은 편이라 급격한 변화보다는 완만한 움직임이 더 흔했습니다.',
  'narrator.risk.deepDrawdown': '현재 값은 최근 12개월 고점보다 {drawdown} 낮아, 추가 하락과 반등 가능성을 함께 열어 두어야 합니다.',
  'narrator.risk.nearHigh': '현재 값은 최근 12개월 고점 부근에 있습니다.',
  'narrator.cut': '(AI 해설이 중간에 끊겨, 나머지는 숫자에 기반한 기본 해설로 이어갑니다.)',

  // CLI table and chart.
  'table.head.month': '월',
  'table.head.median': '중앙값',
  'table.last': '{name} ({unit}) · 마지막 값 {last} ({asOf}) · {method}',
  'table.source': '자료: {source}',
  'table.note': '참고: {note}',
  'cli.chart': '차트: {path}',
  'chart.title': '{name} {horizon}개월 전망',
  'chart.footnote': '자료: {source} · 모델: {method} · 음영: 80% 예측구간',
  'chart.legend.bandUpper': '80% 구간 상단',
  'chart.legend.band': '80% 예측구간',
  'chart.legend.history': '실적',
  'chart.legend.median': '중앙 전망',

  // Alerts (one line each, numbers from the event only).
  'alert.drawdown': '⚠️ {name:이/가} 최근 {lookbackDays}일 고점 대비 {pct} 떨어졌습니다 ({date} {value}, 기준 {threshold}%).',
  'alert.move.day': '⚠️ {name:이/가} 하루 동안 {pct} 움직였습니다 ({date} {value}, 기준 ±{threshold}%).',
  'alert.move.month': '⚠️ {name:이/가} 한 달 동안 {pct} 움직였습니다 ({date} {value}, 기준 ±{threshold}%).',
  'alert.volatilitySpike': '⚠️ {name}의 최근 {windowDays}일 변동성이 평소보다 크게 높습니다 (z = {z}, 기준 {zScore}, {date} {value}).',
  'alert.forecastLowerBand': '⚠️ {name} 예측의 하단(10% 분위)이 {month}에 {threshold} 아래인 {value}까지 내려갑니다.',
  'alert.stopLoss': '🛑 손절 알림: {name:이/가} 모의투자 평균 매입가 대비 {pct}입니다 ({date} {value}, 기준 −{threshold}%).',
  'alert.takeProfit': '✅ 익절 알림: {name:이/가} 모의투자 평균 매입가 대비 {pct}입니다 ({date} {value}, 기준 +{threshold}%).',

  // Engine refusals and errors.
  'error.BAD_REQUEST': '요청을 이해하지 못했어요. 예: "앞으로 6개월 코스피 어때?"',
  'error.SERIES_NOT_FOUND': '이 지표의 데이터가 아직 준비되지 않았어요. 잠시 후 다시 시도하거나 다른 지표를 물어봐 주세요.',
  'error.SERIES_TOO_SHORT': '이 지표는 데이터가 너무 짧아서 예측할 수 없어요.',
  'error.SERIES_INVALID': '이 지표의 데이터에 문제가 있어 예측할 수 없어요. 운영자에게 알려 주세요.',
  'error.FORECAST_FAILED': '예측 계산 중 문제가 생겼어요. 잠시 후 다시 시도해 주세요.',
  'error.RATE_LIMITED': '질문이 너무 많아요. 잠시 후 다시 물어봐 주세요.',
  'error.DEADLINE_EXCEEDED': '답변 시간이 초과됐어요. 다시 시도해 주세요.',
  'error.ABORTED': '요청이 취소됐어요.',
  'error.INTERNAL': '일시적인 문제가 생겼어요. 잠시 후 다시 시도해 주세요.',
  'engine.unknownIndicator': '어떤 지표를 예측할지 찾지 못했어요. 예측할 수 있는 지표: {list}. 예: "앞으로 6개월 코스피 어때?"',
  'engine.questionTooLong': '질문이 너무 길어요 ({length}자). {max}자 이내로 물어봐 주세요.',
  'engine.seriesNotReady': '{name} 데이터가 아직 준비되지 않았어요.',
  'engine.availableNow': ' 지금 예측할 수 있는 지표: {list}.',
} as const;

export type MessageKey = keyof typeof ko;
