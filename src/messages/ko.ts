import { koScenarios } from './ko-scenarios.js';
import { koTrading } from './ko-trading.js';
/**
 * Every user-facing Korean text of the engine, narrator, alerts, simulator and CLI. `{name}` is a parameter;
 * `{name:으로/로}` is a parameter followed by the Korean particle that fits how it is read aloud.
 * en.ts must hold the same keys with the same parameters (a unit test checks).
 */
export const ko = {
  ...koScenarios,
  ...koTrading,
  // Time framing and old data (engine).
  'stale.dataEnds': '자료가 {date}까지만 있어({ageDays}일 전), 그 뒤의 움직임은 이 답에 반영되지 않았습니다.',
  'stale.loadFailed': '최신 데이터를 불러오지 못해 {date}까지의 자료({ageDays}일 전)로 답했습니다.',
  'time.monthEnd': '{month} 말',
  'time.inMonth': '{month}',
  'time.atMonthEnd': '{month} 말',

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
  'question.horizon.when': '시점을 물어 앞으로 {span:을/를} 봤어요.',
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
  'question.pick.wonAsUsdkrw': '원화 가치는 원/달러 환율로 봤어요: 원화 가치가 오르면 환율은 내려요.',
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
} as const;

export type MessageKey = keyof typeof ko;
