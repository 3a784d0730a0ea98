/**
 * Every user-facing Korean text of the engine, narrator, alerts, simulator and CLI. `{name}` is a parameter;
 * `{name:으로/로}` is a parameter followed by the Korean particle that fits how it is read aloud.
 * en.ts must hold the same keys with the same parameters (a unit test checks).
 */
export const ko = {
  // Threshold questions ("환율 1500 넘을까?", src/engine/threshold-chance.ts).
  'threshold.above': '{when} {name:이/가} {level}보다 높을 확률은 약 {p}%예요.',
  'threshold.below': '{when} {name:이/가} {level}보다 낮을 확률은 약 {p}%예요.',
  'threshold.aboveOver': '{when} {name:이/가} {level}보다 높을 확률은 {p}%가 넘어요.',
  'threshold.belowOver': '{when} {name:이/가} {level}보다 낮을 확률은 {p}%가 넘어요.',
  'threshold.aboveUnder': '{when} {name:이/가} {level}보다 높을 확률은 {p}% 미만이에요.',
  'threshold.belowUnder': '{when} {name:이/가} {level}보다 낮을 확률은 {p}% 미만이에요.',
  'threshold.atTheEnd': '그 시점의 값 기준이라, 그 사이에 잠깐 넘나드는 경우는 이보다 잦아요.',
  // What-if questions ("환율이 10% 오르면 코스피는?", src/scenario/what-if-answerer.ts).
  'whatIf.effect':
    '조건부 전망: {asOf} 자료 기준으로 {shockName:이/가} {horizon}개월 동안 {shock} 움직이면, 지난 60개월의 동행 관계로 본 {target}의 {horizon}개월 변화는 중앙값 {median}(80% 구간 {low}~{high})입니다.',
  'whatIf.shiftUp': '같은 모형에서 조건이 없을 때(중앙값 {uncond})보다 중앙값이 {diff} 높아요.',
  'whatIf.shiftDown': '같은 모형에서 조건이 없을 때(중앙값 {uncond})보다 중앙값이 {diff} 낮아요.',
  'whatIf.noRelation':
    '지난 60개월에는 두 지표의 {horizon}개월 변화가 뚜렷하게 함께 움직이지 않아, 조건을 넣어도 조건이 없을 때(중앙값 {uncond})와 같아요.',
  'whatIf.rare':
    '이만한 움직임은 지난 60개월 변화의 표준편차의 {times}배로 드물어서, 과거 관계가 그대로 들어맞는다는 근거가 더 약해요.',
  'whatIf.longRunSame':
    '다만 자료가 있는 {from}년 이후 전체로 보면 {horizon}개월 변화의 상관계수가 {corr}로, {shockName:이/가} 오를 때 {target:은/는} 대체로 함께 올랐어요.',
  'whatIf.longRunOpposite':
    '다만 자료가 있는 {from}년 이후 전체로 보면 {horizon}개월 변화의 상관계수가 {corr}로, {shockName:이/가} 오를 때 {target:은/는} 대체로 내렸어요.',
  'whatIf.wonValue': '원화 가치 {won} 변화는 원/달러 환율로 {move} 변화예요.',
  'whatIf.caveat': '과거에 함께 움직인 관계일 뿐 원인과 결과는 아니며, 이런 관계는 국면에 따라 바뀝니다.',
  'whatIf.rateAssumed': "'금리'는 {name:으로/로} 봤어요. 미국 금리를 뜻했다면 '미국 10년물 금리'라고 적어 주세요.",
  'whatIf.sizeAssumed':
    '움직이는 폭을 말하지 않아 {name}의 {horizon}개월 변화를 {move}(지난 60개월 {horizon}개월 변화의 표준편차 정도)로 봤어요.',
  'whatIf.ratePercentAsPoints': "금리의 '{value}%'는 {value}%p(퍼센트포인트)로 봤어요.",
  'whatIf.levelAsMove': '{name:이/가} {level:이/가} 되려면 {asOf} 값 {last}에서 {move} 움직여야 해요.',
  'whatIf.outOfRange':
    '{name}의 {move} 움직임은 계산할 수 있는 범위를 벗어나요. 가격은 −90%~+300%, 금리는 ±10%p 안에서 물어봐 주세요.',
  'whatIf.noData': '{name} 자료가 부족해 조건부 효과는 계산하지 못했어요.',
  'whatIf.failed': '조건부 효과는 지금 계산하지 못했어요. 아래는 조건 없이 본 전망이에요.',
  'whatIf.horizonCapped': '조건부 효과는 과거 검증을 마친 {max}개월까지만 계산해요.',
  // Scenarios (src/scenario): validation, runs and explanations.
  'scenario.unknownIndicator': '{raw:은/는} 시나리오에 쓸 수 있는 지표가 아니에요. 쓸 수 있는 지표: {list}.',
  'scenario.wrongUnitRate': '{name:은/는} 금리라서 %p(퍼센트포인트)로 적어 주세요. 예: +0.5%p.',
  'scenario.wrongUnitPrice': '{name:은/는} 가격 지표라서 %로 적어 주세요. 예: +10%.',
  'scenario.priceOutOfRange': '{name}의 변동 {move}%는 범위를 벗어나요. 가격 변동은 −90%에서 +300% 사이로 적어 주세요.',
  'scenario.rateOutOfRange':
    '{name}의 변동 {move}%p는 범위를 벗어나요. 금리 변동은 −10%p에서 +10%p 사이로 적어 주세요.',
  'scenario.horizon': '기간 {horizon}개월은 쓸 수 없어요. 1개월에서 60개월 사이로 적어 주세요.',
  'scenario.noShocks': '충격을 하나 이상 적어 주세요. 예: "환율 +10%, 코스피 -15%, 3개월".',
  'scenario.duplicateShock': '{name}에 충격이 두 번 적혀 있어요. 하나만 남겨 주세요.',
  'scenario.name': '시나리오 이름은 1~80자로 적어 주세요.',
  'scenario.notFound': "'{name}' 시나리오를 찾지 못했어요.",
  'scenario.versionNotFound': "'{name}' 시나리오의 {version}번째 버전이 없어요.",
  'scenario.forbidden': "'{name}' 시나리오는 만든 사람만 고칠 수 있어요.",
  'scenario.unparsed': '시나리오를 읽지 못했어요. 예: "환율 +10%, 코스피 -15%, 3개월" 또는 저장한 시나리오 이름.',
  'scenario.leadPreview': "시나리오 '{name}'({horizon}개월, {asOf} 기준): {shocks}.",
  'scenario.lead': "시나리오 '{name}'(버전 {version}, {horizon}개월, {asOf} 기준): {shocks}.",
  'scenario.effect': '{name}: 중앙값 {median}, 80% 범위 {low} ~ {high} (조건 없을 때 중앙값 {uncond}).',
  'scenario.pnlTotal': '포트폴리오 손익 {pnl}({pct}). 가장 불리한 종목: {worst}.',
  'scenario.pnlBand':
    '포트폴리오 손익 {pnl}({pct}), 80% 범위 {low} ~ {high}(보유 종목을 함께 모의실험). 가장 불리한 종목: {worst}.',
  'scenario.pnlNone': '포트폴리오 보유 종목이 없어 손익은 계산하지 않았어요.',
  'scenario.replayLead': "과거 재현 '{name}'({from}~{to}), 실제 움직임: {moves}.",
  'scenario.usage':
    '/scenario 환율 +10%, 코스피 -15%, 3개월 — 내 모의투자 포트폴리오로 바로 계산\n/scenario save 이름: 환율 +10%, 3개월 — 저장\n/scenario edit 이름: 환율 +12%, 3개월 — 새 버전\n/scenario 이름 — 저장한 시나리오 실행\n/scenario versions 이름 — 버전 기록\n/scenario list — 목록\n/scenario replay gfc-2008 — 과거 재현 (won-crisis-1997, gfc-2008, covid-2020, rate-shock-2022)',
  'scenario.saved': "시나리오 '{name}' 저장: 버전 {version}.",
  'scenario.listEmpty': '저장한 시나리오가 없어요.',
  'scenario.disclaimer':
    '과거 자료로 추정한 통계적 결과이며 투자 권유가 아닙니다. 10번 중 2번 정도는 실제 값이 범위를 벗어납니다.',
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
  'narrator.summary.lead':
    '{name}의 {horizon}개월 뒤({target}) 중앙 전망은 {median:으로/로}, {asOf} {last} 대비 {change}의 {trend} 흐름입니다.',
  'narrator.summary.leadStale':
    '{asOf} 자료 기준, {horizon}개월 뒤인 {target}의 {name} 중앙 전망은 {median:으로/로}, 기준일의 {last} 대비 {change}의 {trend} 흐름입니다.',
  'narrator.summary.band': '80% 예측구간은 {range}(폭 {width})이며, {spread}.',
  'narrator.summary.yoy':
    '전년 같은 달 대비 상승률로 보면 {asOf} {yoyLast}에서 {target} {yoyMedian}(80% 구간 {yoyLow}~{yoyHigh}) 수준입니다.',
  'narrator.summary.sample': '이 답변은 오프라인 샘플 데이터({source})로 계산했으며 실시간 시세가 아닙니다.',
  'narrator.summary.fallback': '참고: 기본 모델 대신 통계 기준모형({method})을 썼습니다. ({reason})',

  // Deterministic narrator: scenario.
  'narrator.scenario.base':
    '기본 시나리오: {target} {name:은/는} {median} 안팎({change})에서 {trend:을/를} 보이는 경우입니다. 모델이 본 과거 흐름이 이어진다고 가정한 가운데 값이며, 실제 결과의 절반은 이보다 높고 절반은 낮을 것으로 봅니다.',
  'narrator.scenario.up':
    '상승 시나리오: 상위 10% 경우에는 {high}({highChange}) 이상도 가능합니다. {drivers} 이쪽에 가까워질 수 있습니다.',
  'narrator.scenario.down':
    '하락 시나리오: 하위 10% 경우에는 {low}({lowChange}) 이하로 내려갈 수 있습니다. {drivers} 이쪽에 가까워집니다.',
  'narrator.scenario.watch': '주목할 점: {sentences}',
  'narrator.scenario.disclaimer':
    '이 전망은 과거 데이터로 학습한 통계 모델의 확률적 추정이며 투자 권유가 아닙니다. 10번 중 2번은 실제 값이 위 구간 밖에 있을 수 있습니다.',
  'narrator.risk.trailing': '최근 12개월 변화는 {trailing}, 최근 3년 월간 변화의 변동성(연율)은 {volatility}입니다.',
  'narrator.risk.highVol': '변동성이 높은 구간이라 한두 달 사이에도 구간 끝까지 움직일 수 있습니다.',
  'narrator.risk.lowVol': '변동성이 낮은 편이라 급격한 변화보다는 완만한 움직임이 더 흔했습니다.',
  'narrator.risk.deepDrawdown':
    '현재 값은 최근 12개월 고점보다 {drawdown} 낮아, 추가 하락과 반등 가능성을 함께 열어 두어야 합니다.',
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
  // What the LLM is asked to write (src/narrate/prompts.ts), in the answer's language.
  'prompt.summaryAsk':
    '위 숫자만 사용해 2~3문장 요약을 쓰세요: 중앙 전망과 변화(changeUnit 단위), 80% 예측구간, 불확실성의 크기.',
  'prompt.scenarioAsk':
    '요약에 이어, 기본·상승·하락 시나리오와 주목할 점을 문단별로 쓰세요(600~1000자). 상승은 highAtHorizon과 highChange, 하락은 lowAtHorizon과 lowChange를 씁니다. 마지막에 투자 권유가 아니라는 한 문장을 붙이세요.',
  'chart.footnote': '자료: {source} · 모델: {method} · 음영: 80% 예측구간',
  'chart.legend.bandUpper': '80% 구간 상단',
  'chart.legend.band': '80% 예측구간',
  'chart.legend.history': '실적',
  'chart.legend.median': '중앙 전망',

  // Alerts (one line each, numbers from the event only).
  'alert.drawdown':
    '⚠️ {name:이/가} 최근 {lookbackDays}일 고점 대비 {pct} 떨어졌습니다 ({date} {value}, 기준 {threshold}%).',
  'alert.move.day': '⚠️ {name:이/가} 하루 동안 {pct} 움직였습니다 ({date} {value}, 기준 ±{threshold}%).',
  'alert.move.month': '⚠️ {name:이/가} 한 달 동안 {pct} 움직였습니다 ({date} {value}, 기준 ±{threshold}%).',
  'alert.volatilitySpike':
    '⚠️ {name}의 최근 {windowDays}일 변동성이 평소보다 크게 높습니다 (z = {z}, 기준 {zScore}, {date} {value}).',
  'alert.forecastLowerBand': '⚠️ {name} 예측의 하단(10% 분위)이 {month}에 {threshold} 아래인 {value}까지 내려갑니다.',
  'alert.stopLoss':
    '🛑 손절 알림: {name:이/가} 모의투자 평균 매입가 대비 {pct}입니다 ({date} {value}, 기준 −{threshold}%).',
  'alert.takeProfit':
    '✅ 익절 알림: {name:이/가} 모의투자 평균 매입가 대비 {pct}입니다 ({date} {value}, 기준 +{threshold}%).',

  // Engine refusals and errors.
  'error.BAD_REQUEST': '요청을 이해하지 못했어요. 예: "앞으로 6개월 코스피 어때?"',
  'error.SERIES_NOT_FOUND':
    '이 지표의 데이터가 아직 준비되지 않았어요. 잠시 후 다시 시도하거나 다른 지표를 물어봐 주세요.',
  'error.SERIES_TOO_SHORT': '이 지표는 데이터가 너무 짧아서 예측할 수 없어요.',
  'error.SERIES_INVALID': '이 지표의 데이터에 문제가 있어 예측할 수 없어요. 운영자에게 알려 주세요.',
  'error.FORECAST_FAILED': '예측 계산 중 문제가 생겼어요. 잠시 후 다시 시도해 주세요.',
  'error.RATE_LIMITED': '질문이 너무 많아요. 잠시 후 다시 물어봐 주세요.',
  'error.DEADLINE_EXCEEDED': '답변 시간이 초과됐어요. 다시 시도해 주세요.',
  'error.ABORTED': '요청이 취소됐어요.',
  'error.INTERNAL': '일시적인 문제가 생겼어요. 잠시 후 다시 시도해 주세요.',
  'engine.unknownIndicator':
    '어떤 지표를 예측할지 찾지 못했어요. 예측할 수 있는 지표: {list}. 예: "앞으로 6개월 코스피 어때?"',
  'engine.questionTooLong': '질문이 너무 길어요 ({length}자). {max}자 이내로 물어봐 주세요.',
  'engine.seriesNotReady': '{name} 데이터가 아직 준비되지 않았어요.',
  'engine.availableNow': ' 지금 예측할 수 있는 지표: {list}.',

  // Paper trading and alert subscriptions (bot commands on every platform).
  'sim.won': '{amount}원',
  'sim.rule.drawdown': '최근 {days}일 고점 대비 −{pct}% 하락',
  'sim.rule.move.day': '하루 ±{pct}% 이상 변동',
  'sim.rule.move.month': '한 달 ±{pct}% 이상 변동',
  'sim.rule.volatilitySpike': '변동성 급등 (z ≥ {z})',
  'sim.rule.forecastLowerBand': '예측 하단이 {threshold} 아래로',
  'sim.rule.stopLoss': '손절 −{pct}% (모의투자 평균가 대비)',
  'sim.rule.takeProfit': '익절 +{pct}% (모의투자 평균가 대비)',
  'sim.portfolio.head': '💼 모의투자 계좌: 평가액 {equity}',
  'sim.portfolio.cash': '현금 {cash} · 실현손익 {realized} · 평가손익 {unrealized}',
  'sim.portfolio.position': '• {name} {quantity}주, 평균가 {average}, 평가 {value} ({unrealized}, {asOf} 기준)',
  'sim.portfolio.empty': '보유 종목이 없어요. 예: /buy 코스피 3',
  'sim.portfolio.disclaimer': '가상 계좌이며 투자 권유가 아닙니다.',
  'sim.order.invalidCode': '⚠️ {code:은/는} 올바른 종목코드가 아니에요. 종목코드는 6자리 숫자예요 (예: 005930).',
  'sim.order.usage':
    '예: /{command} 코스피 3 · /{command} 005930 10 · /{command} 삼성전자 10 (지표 또는 종목코드와 수량)',
  'sim.order.bought': '매수',
  'sim.order.sold': '매도',
  'sim.order.realized': ', 실현손익 {realized}',
  'sim.order.filled': '✅ {name} {quantity}주 {verb}: {price} ({date} 종가), 수수료 {fee}{realized}. 현금 {cash}',
  'sim.button.portfolio': '💼 포트폴리오',
  'sim.reset': '🔄 계좌를 초기화했어요. 현금 {cash}',
  'sim.subscribe.usage': '예: /subscribe 코스피 낙폭 10 · 급변 5 · 변동성 2 · 하단 2300 · 손절 10 · 익절 20',
  'sim.subscribe.needsThreshold': '예측 하단 알림에는 기준값이 필요해요. 예: /subscribe 코스피 하단 2300',
  'sim.subscribe.done': '🔔 알림 설정: {name} — {rule}{quiet}',
  'sim.subscribe.quiet': ' (방해 금지 {hours})',
  'sim.button.myAlerts': '📋 내 알림',
  'sim.subscriptions.empty': '설정한 알림이 없어요. 예: /subscribe 코스피 낙폭 10',
  'sim.subscriptions.stopped': ' (중지됨)',
  'sim.button.remove': '❌ {n}번 해제',
  'sim.unsubscribe.which':
    '해제할 번호를 알려 주세요. 예: /unsubscribe 1 (목록: /subscriptions), 전체는 /unsubscribe all',
  'sim.unsubscribe.done': '🔕 알림 {n}개를 해제했어요.',
  'sim.quiet.off': '방해 금지 시간을 껐어요.',
  'sim.quiet.usage': '예: /quiet 23:00-07:00 (한국 시간), 끄기는 /quiet off',
  'sim.quiet.on': '🌙 방해 금지 {hours} (한국 시간): 그 사이 알림은 끝난 뒤에 보내요. ({n}개 알림)',
  'sim.stock.loading': '⏳ {name} 가격을 불러오는 중입니다, 잠시 후 다시 시도하세요.',
  'sim.stock.load-failed': '⚠️ {code} 종목의 가격을 KIS에서 불러오지 못했어요. 종목코드를 확인해 주세요.',
  'sim.stock.needs-kis':
    '⚠️ 주식 가격에는 KIS_APP_KEY와 KIS_APP_SECRET(한국투자증권 Open API) 설정, 또는 RISKXPERT_DATA_DIR의 {file} 파일이 필요해요.',
  'sim.stock.needs-queue':
    '⚠️ {code} 종목 가격이 아직 없어요. 주식 가격은 `riskxpert worker`가 불러오며 QUEUE_REDIS_URL이 필요해요 (또는 RISKXPERT_DATA_DIR에 {file}).',
  'sim.chart.title': '모의투자 평가액',
  'sim.chart.unit': '원',
  'discord.unsupported': '지원하지 않는 요청이에요.',
  'discord.pickedQuestion': '{name} {months}개월',
  'discord.unknownIndicator': "'{raw}' 지표를 찾지 못했어요. /indicators 로 목록을 보세요.",
  'discord.monthsRange': '기간은 1~24개월이에요.',
  'discord.unknownCommand': '알 수 없는 명령이에요.',
  'adapter.tooManyQuestions': '질문이 너무 많아요. 1분쯤 뒤에 다시 물어봐 주세요 🙏',
  'adapter.noHistory': '아직 기록이 없어요.',
  'adapter.alertsDisabled': '알림 기능은 아직 이 서버에서 켜져 있지 않아요.',
  'telegram.months': '{n}개월',
  'telegram.monthsShort': '{n}개월',
  'telegram.subscribe': '🔔 알림 받기',
  'telegram.historyFailed': '기록을 불러오지 못했어요. 잠시 후 다시 시도해 주세요.',
  'telegram.whichIndicator': '어떤 지표를 볼까요?',
  'telegram.howManyMonths': '몇 개월 뒤를 볼까요?',
  'telegram.subscribed': '알림을 받도록 설정했어요 🔔',
  'telegram.somethingWrong': '앗, 문제가 생겼어요. 잠시 후 다시 시도해 주세요.',
  // Reading the question (src/engine/question/): what was assumed, and asking back.
  'question.span.one': '{n}개월',
  'question.span.other': '{n}개월',
  'question.horizon.default': '기간을 말하지 않아 {span:으로/로} 봤어요.',
  'question.horizon.calendar': '{target}까지, 마지막 자료({from})부터 {span} 뒤로 봤어요.',
  'question.horizon.rounded': '예측은 월 단위라 {span:으로/로} 봤어요.',
  'question.horizon.notAfterData': '{target:은/는} 마지막 자료({from})보다 늦지 않아서 가장 가까운 {span} 뒤로 봤어요.',
  'question.horizon.tooShort': '1개월보다 짧은 기간은 예측하지 않아서 가장 가까운 {span} 뒤로 봤어요.',
  'question.horizon.tooLong': '예측은 최대 {span}까지라 {span:으로/로} 봤어요 (요청: {requested}개월).',
  'question.horizon.tooLongTarget':
    '예측은 최대 {span}까지라 {span:으로/로} 봤어요 (요청: {requested}개월, {target}까지).',
  'question.horizon.outOfRange':
    '예측 기간은 {min}~{max}개월만 가능해요 (요청: {requested}개월). 예: "12개월 코스피 전망"',
  'question.pick.oilAsWti': '유가는 WTI 기준으로 봤어요 (브렌트유가 궁금하면 "브렌트유"라고 물어봐 주세요).',
  'question.pick.rateActionAsBaseRate':
    "금리 인하·인상은 한국은행 기준금리로 봤어요 (시장 금리가 궁금하면 '미국 10년물'처럼 물어봐 주세요).",
  'question.pick.kospi200AsKospi': '코스피200은 다루지 않아 코스피 지수로 봤어요.',
  'question.ambiguous.rate': '어떤 금리를 볼까요? {names} 중에서 골라 주세요.',
  'question.ambiguous.bond': '어느 나라 국채 금리를 볼까요? {names} 중에서 골라 주세요.',
  'question.ambiguous.stocks': '어느 주식 시장을 볼까요? {names} 중에서 골라 주세요.',
  'question.noIndicator':
    '어떤 지표를 물어보신 건지 찾지 못했어요. 지금 예측할 수 있는 지표: {names}. 예: "앞으로 6개월 코스피 어때?"',
  'question.empty':
    '질문을 입력해 주세요. 예: "앞으로 6개월 코스피 어때?", "미국 10년물 금리 1년 전망", "연말 원/달러 환율"',
  'question.available': '{reason} 지금 예측할 수 있는 지표: {names}.',
  'question.unsupported.single-stock':
    '그 종목은 상장 종목 목록에서 찾지 못했어요. 국내 상장 종목은 종목명이나 6자리 코드로 물어봐 주세요(예: 삼성전자 6개월 전망, 005930 3개월). 해외 개별 종목은 예측하지 않아요.',
  'question.ambiguous.stock': '{said:으로/로} 시작하는 종목이 여럿이에요: {names}. 어느 종목을 볼까요?',
  'stock.name.listed': '{name}({code})',
  'stock.name.unlisted': '종목 {code}',
  'stock.price.needs-kis':
    '{name}의 주가 자료가 없어요. 한국투자증권 Open API 키(KIS_APP_KEY, KIS_APP_SECRET)를 설정하고 `riskxpert worker`를 실행하거나, RISKXPERT_DATA_DIR 폴더에 {file}(date,value 열)을 넣어 주세요.',
  'stock.price.needs-queue':
    '{name}의 주가가 아직 없어요. 종목 주가는 `riskxpert worker`가 KIS에서 불러오는데, QUEUE_REDIS_URL(또는 REDIS_URL)이 필요해요. RISKXPERT_DATA_DIR 폴더에 {file:을/를} 넣어도 돼요.',
  'stock.price.loading': '{name}의 주가를 KIS에서 불러오는 중이에요. 잠시 뒤 다시 물어봐 주세요.',
  'stock.price.load-failed': '{name}의 주가를 KIS에서 불러오지 못했어요. 종목 코드를 확인해 주세요.',
  'question.unsupported.crypto': '비트코인 같은 가상자산은 예측하지 않아요.',
  'question.unsupported.other-index': '{said:은/는} 아직 다루지 않아요.',
  'question.unsupported.other-fx': '그 통화는 아직 다루지 않아요. 원/달러, 원/엔, 원/유로 환율은 볼 수 있어요.',
  'question.unsupported.dollar-index': '달러인덱스(DXY)는 아직 다루지 않아요. 원/달러 환율과는 다른 지표예요.',
  'question.unsupported.us-inflation': '미국 물가는 아직 다루지 않아요. 한국 소비자물가지수는 볼 수 있어요.',
  'question.unsupported.us-policy-rate':
    '미국 기준금리(연준 정책금리)는 아직 다루지 않아요. 미국 10년 국채금리나 한국은행 기준금리는 볼 수 있어요.',
  'question.unsupported.real-estate': '부동산 가격은 예측하지 않아요.',
  'question.unsupported.other-commodity': '{said:은/는} 아직 다루지 않아요. 금, WTI, 브렌트유는 볼 수 있어요.',
  'question.unsupported.macro': '{said:은/는} 아직 다루지 않아요.',
  'question.unsupported.other-rate':
    '{said:은/는} 아직 다루지 않아요. 한국은행 기준금리, 국고채 3년, 미국 10년 국채금리는 볼 수 있어요.',
  'question.unsupported.off-topic': '저는 금융 지표 전망만 답할 수 있어요.',

  // The forecaster's track record, one line in every answer (src/narrate/track-record-line.ts).
  'track.span.years': '{n}년',
  'track.span.months': '{n}개월',
  'track.methodSeparator': '·',
  'track.method.naive': '최근 값 유지',
  'track.method.theta': '세타',
  'track.method.damped-holt': '감쇠 추세',
  'track.method.ar1-120': '평균 회귀(10년)',
  'track.method.ar1-240': '평균 회귀(20년)',
  'track.method.seasonal-trend': '계절성+추세',
  'track.method.drift-half': '완만한 추세',
  'track.vs.better': '오차가 {pct}% 작았고',
  'track.vs.worse': '오차가 {pct}% 컸고',
  'track.vs.same': '오차가 같았고',
  'track.line':
    "예측 방법: {methods}. 이 지표의 지난 {span}간 {horizon}개월 앞 예측 성적은 '지금 값 그대로' 예측보다 {vs}, 80% 구간이 실제 값을 맞힌 비율은 {hit}였습니다('지금 값 그대로' {naiveHit}).",
  'track.lineNoChange':
    "예측 방법: 최근 값 유지. 이 지표는 과거에 어떤 방법도 '지금 값 그대로'보다 꾸준히 낫지 않아 중앙값은 현재 값에 두고, 구간만 이 지표의 최근 오차로 맞췄습니다. 지난 {span}간 {horizon}개월 앞 80% 구간이 실제 값을 맞힌 비율은 {hit}였습니다(보정 전 구간 {naiveHit}).",
  // KakaoTalk: Open Builder talks Korean; the en entries keep the catalogs whole.
  'kakao.more': '시나리오 더 보기',
  'kakao.alerts': '알림 받기',
  'kakao.example': '예: "앞으로 6개월 코스피 어때?"',
  'kakao.horizonReply': '{months}개월 전망',
  'kakao.outlook': '{name} {months}개월 전망',
  'kakao.outlookAny': '{name} 전망',
  'kakao.chartAlt': '{name} {months}개월 전망 차트',
  'kakao.notReady': '답변을 준비하지 못했어요. 잠시 후 다시 물어봐 주세요.',
  'kakao.notInTime': '답변을 제시간에 준비하지 못했어요. 잠시 후 다시 물어봐 주세요.',
  'kakao.summaryNotInTime': '요약을 제시간에 준비하지 못했어요. 잠시 후 다시 물어봐 주세요.',
  'kakao.stillWriting': '요약과 시나리오를 준비하고 있어요. 잠시 후 "{more}"를 눌러 주세요.',
  'kakao.scenarioStillWriting': '아직 시나리오를 쓰고 있어요. 잠시 후 "{more}"를 다시 눌러 주세요.',
  'kakao.nothingMore': '더 보여 드릴 내용이 없어요. 새로 질문해 주세요.',
  'kakao.userMissing': '사용자 정보를 확인할 수 없어요. 카카오톡 채널에서 다시 물어봐 주세요.',
  'kakao.notUnderstood': '요청을 이해하지 못했어요. {example}',
  'kakao.tooLong': '질문이 너무 길어요 ({length}자). {max}자 이내로 물어봐 주세요.',
  'kakao.whatToAsk': '무엇이 궁금하신가요? {example}',
  'kakao.tooMany': '질문이 너무 많아요. {seconds}초 후에 다시 물어봐 주세요.',
  'kakao.alertsOff':
    '알림 기능은 아직 이 서버에서 켜져 있지 않아요. 준비되면 지표 급변과 예측구간 이탈을 카카오톡으로 알려 드릴게요.',
  'kakao.computing': '차트와 전망을 계산하고 있어요. 잠시만 기다려 주세요! (보통 10초 이내)',
  'kakao.tooLarge': '요청이 너무 커요. 짧게 다시 물어봐 주세요.',
  'kakao.unreadable': '요청을 읽지 못했어요. 다시 물어봐 주세요.',
  'kakao.rateLimited': '요청이 너무 많아요. {seconds}초 후에 다시 물어봐 주세요.',
  'risk.parse.noWeight': '"{part}"에서 비중(%)을 찾지 못했어요. 예: 삼성전자 50%, 코스피 30%, 달러 20%',
  'risk.parse.unknown': '{name:을/를} 알 수 없어요. 지표 이름(코스피, 달러 …)이나 6자리 종목코드로 적어 주세요.',
  'risk.parse.empty': '보유 종목을 찾지 못했어요. 예: 삼성전자 50%, 코스피 30%, 달러 20%',
  'risk.parse.over': '비중 합계가 {total}%예요. 100% 이하로 적어 주세요(나머지는 현금으로 봐요).',
  'risk.summary':
    '{asOf} 기준 {paths}개 경로 모의실험: 한 달 95% VaR는 {var1m}, 그보다 나쁜 5% 경우의 평균 손실(ES)은 {es1m}예요.',
  'risk.horizons': '95% VaR는 하루 {var1d}, 3개월 {var3m}, 12개월 {var12m}이고, 한 달 99% VaR는 {var99}예요.',
  'risk.limit': '손실 한도 {limit:을/를} 넘을 확률은 한 달 {p1m}, 12개월 {p12m}예요.',
  'risk.contribution': '한 달 ES에 가장 크게 기여하는 종목은 {holding}({share})예요.',
  'risk.score': '위험 점수는 100점 중 {score}점이에요. 가장 큰 요인: {driver}.',
  'risk.driver.var-vs-limit': '한도 대비 VaR {ratio}배',
  'risk.driver.concentration': '{holding} 비중 {weight}',
  'risk.driver.drawdown': '최근 1년 최대 낙폭 {dd}',
  'risk.driver.threat': '위협 이벤트가 발생한 {holding}',
  'risk.plan.reduce':
    '{holding} 비중을 {from}에서 {to:으로/로} 줄이면 95% VaR가 {before}에서 {after:으로/로} 바뀌어요.',
  'risk.plan.hold': '지금은 한도 안이에요. 바꿀 것이 없어요.',
  'risk.reco':
    '교육용 예시이며 투자 권유가 아니에요. 위험 균형(리스크 패리티)으로 {weights}로 나누면 한 달 95% VaR가 {before}에서 {after:으로/로} 바뀌어요.',
  'risk.reco.confirm': '모의투자 계좌에 적용하려면 10분 안에 /apply(카카오: 리밸런싱 적용)로 확인해 주세요.',
  'risk.profile.saved': '위험 성향을 {appetite}, 손실 한도를 한 달 {limit:으로/로} 저장했어요.',
  'risk.profile.none': '아직 위험 성향이 없어요. 예: /profile balanced 10%',
  'risk.appetite.stable': '안정형',
  'risk.appetite.balanced': '균형형',
  'risk.appetite.aggressive': '공격형',
  'risk.report': '보고서: {url}',
  'risk.noHoldings': '모의투자 계좌에 보유 종목이 없어요. 비중으로 적어 주세요: 삼성전자 50%, 코스피 30%, 달러 20%',
  'risk.threatAlert': '{holding}에 위협 이벤트가 발생했어요. 포트폴리오 한 달 95% VaR는 {var1m}예요.',
  'risk.apply.none': '적용할 최근 추천이 없어요. 먼저 /plan으로 추천을 받아 주세요.',
  'risk.apply.stale': '추천이 {minutes}분보다 오래돼서 적용하지 않았어요. /plan으로 다시 받아 확인해 주세요.',
  'risk.apply.changed': '추천 뒤에 계좌가 바뀌어서 적용하지 않았어요. /plan으로 다시 받아 확인해 주세요.',
  'risk.apply.noTrader': '모의투자가 꺼져 있어서 적용할 수 없어요.',
  'risk.apply.done': '교육용 모의투자에 추천을 적용했어요: {orders}.',
  'risk.apply.nothing': '추천과 계좌가 이미 거의 같아서 주문할 것이 없어요.',
  'risk.apply.buy': '{holding} {quantity}주 매수',
  'risk.apply.sell': '{holding} {quantity}주 매도',
  'news.noneLastDay': '최근 하루 동안 관련 뉴스가 없어요.',
  'news.topHeadlines': '주요 헤드라인 {count}건:',
  'news.related': '관련 뉴스',
  'news.noneStored': '아직 저장된 관련 뉴스가 없어요.',
  'news.askWhat': '무엇에 관한 뉴스인지 알려 주세요. 예: /news 코스피',
  'news.queryTooLong': '검색어는 {max}자까지예요.',
  'news.storeDown': '뉴스 저장소에 지금 연결할 수 없어요. 잠시 후 다시 해 주세요.',
  'news.cliEmpty': '저장된 뉴스가 없어요. `riskxpert news fetch`로 NEWS_FEEDS를 먼저 읽어 오세요.',
  'news.alert.burst':
    '📰 {name} 관련 뉴스가 최근 1시간 {count}건으로 평소(시간당 {mean}건)보다 크게 늘었어요. 최신: {item}',
  'news.alert.watched': '📰 {name} 관련 주요 발표: {item}',
  'news.alert.line': '📰 {name} 관련 뉴스 알림 ({date})',
  'sim.rule.news': '뉴스 급증·주요 발표',
} as const;

export type MessageKey = keyof typeof ko;
