import { enScenarios } from './en-scenarios.js';
import { enTrading } from './en-trading.js';
import type { MessageKey } from './ko.js';

/** The English catalog: the same keys and parameters as ko.ts (a unit test checks). */
export const en: Record<MessageKey, string> = {
  ...enScenarios,
  ...enTrading,
  'stale.dataEnds':
    'The data runs only to {date} ({ageDays} days ago), so nothing since then is reflected in this answer.',
  'stale.loadFailed':
    'The latest data could not be loaded, so this answer uses data up to {date} ({ageDays} days ago).',
  'time.monthEnd': 'the end of {month}',
  'time.inMonth': 'in {month}',
  'time.atMonthEnd': 'at the end of {month}',

  'narrator.trend.strong-up': 'a clear rise',
  'narrator.trend.up': 'a modest rise',
  'narrator.trend.flat': 'a roughly flat path',
  'narrator.trend.down': 'a modest decline',
  'narrator.trend.strong-down': 'a clear decline',
  'narrator.spread.narrow': 'uncertainty is relatively small',
  'narrator.spread.moderate': 'uncertainty is moderate',
  'narrator.spread.wide': 'uncertainty is large, so read the range rather than the single number',
  'narrator.summary.lead':
    'The median forecast for {name} {horizon} months ahead ({target}) is {median}, {change} from {last} on {asOf}: {trend}.',
  'narrator.summary.leadStale':
    'Based on data as of {asOf}, the median forecast for {name} {horizon} months later ({target}) is {median}, {change} from {last} on that date: {trend}.',
  'narrator.summary.band': 'The 80% prediction interval is {range} (width {width}), and {spread}.',
  'narrator.summary.yoy':
    'As inflation over the same month a year earlier, that is {yoyMedian} in {target} (80% interval {yoyLow} to {yoyHigh}), against {yoyLast} in {asOf}.',
  'narrator.summary.sample': 'This answer uses offline sample data ({source}), not live prices.',
  'narrator.summary.fallback': 'Note: a statistical baseline ({method}) was used instead of the main model ({reason}).',

  'narrator.scenario.base':
    'Base case: by {target}, {name} sits around {median} ({change}), {trend}. This is the middle of the distribution if past behaviour carries on: half of outcomes would land above it and half below.',
  'narrator.scenario.up':
    'Upside: in the best 10% of outcomes it reaches {high} ({highChange}) or more, for example {drivers}.',
  'narrator.scenario.down':
    'Downside: in the worst 10% it falls to {low} ({lowChange}) or below, for example {drivers}.',
  'narrator.scenario.watch': 'What to watch: {sentences}',
  'narrator.scenario.disclaimer':
    'This is a probabilistic estimate from a statistical model trained on past data, not investment advice. About 2 times in 10 the actual value will fall outside the range above.',
  'narrator.risk.trailing':
    'Over the last 12 months it moved {trailing}, and the annualised volatility of its monthly changes over the last 3 years is {volatility}.',
  'narrator.risk.highVol': 'Volatility is high, so moves to the edge of the range within a month or two are plausible.',
  'narrator.risk.lowVol': 'Volatility has been low, so gradual moves have been more common than sharp ones.',
  'narrator.risk.deepDrawdown':
    'It sits {drawdown} below its 12-month high, which leaves room for both a further fall and a rebound.',
  'narrator.risk.nearHigh': 'It is close to its 12-month high.',
  'narrator.cut': '(The AI narrative was cut off; the rest comes from the numbers alone.)',

  'table.head.month': 'Month',
  'table.head.median': 'Median',
  'table.last': '{name} ({unit}) · last {last} ({asOf}) · {method}',
  'table.source': 'Data: {source}',
  'table.note': 'Note: {note}',
  'cli.chart': 'Chart: {path}',
  'chart.title': '{name}: {horizon}-month outlook',
  // What the LLM is asked to write (src/narrate/prompts.ts), in the answer's language.
  'prompt.summaryAsk':
    'Using only the numbers above, write a 2-3 sentence summary: the median forecast and its change (in changeUnit), the 80% interval, how uncertain it is.',
  'prompt.scenarioAsk':
    'Following the summary, write a base case, an upside, a downside and what to watch, one paragraph each (100-180 words). Use highAtHorizon and highChange for the upside, lowAtHorizon and lowChange for the downside. End with one sentence saying this is not investment advice.',
  'chart.footnote': 'Data: {source} · Model: {method} · Shaded: 80% interval',
  'chart.legend.bandUpper': '80% band (upper)',
  'chart.legend.band': '80% prediction band',
  'chart.legend.history': 'History',
  'chart.legend.median': 'Median forecast',

  'error.BAD_REQUEST': 'I could not understand that. Try "KOSPI next 6 months?"',
  'error.SERIES_NOT_FOUND':
    'Data for this indicator is not available yet. Try again later or ask about another indicator.',
  'error.SERIES_TOO_SHORT': 'This indicator has too little history to forecast.',
  'error.SERIES_INVALID': 'The data for this indicator is broken, so I cannot forecast it. Please tell the operator.',
  'error.FORECAST_FAILED': 'Something went wrong while forecasting. Please try again shortly.',
  'error.RATE_LIMITED': 'Too many questions. Please wait a moment and ask again.',
  'error.DEADLINE_EXCEEDED': 'The answer took too long. Please try again.',
  'error.ABORTED': 'The request was cancelled.',
  'error.INTERNAL': 'Something went wrong on our side. Please try again shortly.',
  'engine.unknownIndicator':
    'I could not tell which indicator you mean. I can forecast: {list}. Try "KOSPI over the next 6 months?"',
  'engine.questionTooLong': 'Your question is too long ({length} characters). Please keep it under {max}.',
  'engine.seriesNotReady': 'Data for {name} is not available yet.',
  'engine.availableNow': ' I can forecast now: {list}.',

  'discord.unsupported': 'Unsupported interaction.',
  'discord.pickedQuestion': '{name} {months} months',
  'discord.unknownIndicator': "Unknown indicator '{raw}'. See /indicators.",
  'discord.monthsRange': 'Months must be 1 to 24.',
  'discord.unknownCommand': 'Unknown command.',
  'adapter.tooManyQuestions': 'That is a lot of questions. Please try again in a minute 🙏',
  'adapter.noHistory': 'No answers yet.',
  'adapter.alertsDisabled': 'Alerts are not enabled on this server yet.',
  'telegram.months': '{n} months',
  'telegram.monthsShort': '{n}m',
  'telegram.subscribe': '🔔 Subscribe',
  'telegram.historyFailed': 'Could not load your history right now.',
  'telegram.whichIndicator': 'Which indicator?',
  'telegram.howManyMonths': 'How many months ahead?',
  'telegram.subscribed': 'Subscribed 🔔',
  'telegram.somethingWrong': 'Sorry, something went wrong. Please try again shortly.',
  'question.span.one': '{n} month',
  'question.span.other': '{n} months',
  'question.horizon.default': 'No horizon given, so this looks {span} ahead.',
  'question.horizon.when': 'You asked when, so this looks {span} ahead.',
  'question.horizon.calendar': 'Read as through {target}: {span} after the last data ({from}).',
  'question.horizon.rounded': 'Forecasts are monthly, so this looks {span} ahead.',
  'question.horizon.notAfterData':
    '{target} is not after the last data ({from}), so this looks {span} ahead, the nearest I can.',
  'question.horizon.tooShort': 'Forecasts start at one month, so this looks {span} ahead, the nearest I can.',
  'question.horizon.tooLong':
    'I forecast at most {span} ahead, so this looks {span} ahead (you asked for {requested}).',
  'question.horizon.tooLongTarget':
    'I forecast at most {span} ahead, so this looks {span} ahead (you asked for {requested}, through {target}).',
  'question.horizon.outOfRange':
    'I can forecast {min} to {max} months ahead (you asked for {requested}). Try "KOSPI next 12 months".',
  'question.pick.oilAsWti': 'Oil is read as WTI crude (ask about "Brent" for Brent crude).',
  'question.pick.rateActionAsBaseRate':
    "A rate cut or hike is read as the Bank of Korea's base rate (for market rates, ask about e.g. the 'US 10-year yield').",
  'question.pick.kospi200AsKospi': 'KOSPI 200 is not covered, so this uses the KOSPI.',
  'question.pick.wonAsUsdkrw': "The won's value is read through USD/KRW: a stronger won is a lower rate.",
  'question.ambiguous.rate': 'Which rate do you mean? Pick one: {names}.',
  'question.ambiguous.bond': 'Which government bond yield do you mean? Pick one: {names}.',
  'question.ambiguous.stocks': 'Which stock market do you mean? Pick one: {names}.',
  'question.noIndicator':
    'I could not tell which indicator you mean. I can forecast now: {names}. Try "KOSPI over the next 6 months?"',
  'question.empty':
    'Please type a question. For example: "KOSPI over the next 6 months?", "US 10-year yield in a year", "USD/KRW by year-end".',
  'question.available': '{reason} I can forecast now: {names}.',
  'question.unsupported.single-stock':
    'I could not find that stock in the KRX listing. Ask about a Korean listed stock by its name or 6-digit code (for example "삼성전자 6 months" or "005930 3 months"); foreign single stocks are not forecast.',
  'question.ambiguous.stock': 'Several listed stocks start with "{said}": {names}. Which one do you mean?',
  'stock.name.listed': '{name} ({code})',
  'stock.name.unlisted': 'stock {code}',
  'stock.price.needs-kis':
    'There are no prices for {name}. Set the Korea Investment & Securities Open API keys (KIS_APP_KEY, KIS_APP_SECRET) and run `riskxpert worker`, or put {file} (date,value columns) in the RISKXPERT_DATA_DIR folder.',
  'stock.price.needs-queue':
    'There are no prices for {name} yet. Stock prices are loaded from KIS by `riskxpert worker`, which needs QUEUE_REDIS_URL (or REDIS_URL); {file} in the RISKXPERT_DATA_DIR folder works too.',
  'stock.price.loading': 'Loading the prices of {name} from KIS; ask again in a moment.',
  'stock.price.load-failed': 'Could not load the prices of {name} from KIS; check the stock code.',
  'question.unsupported.crypto': 'I do not forecast crypto assets such as bitcoin.',
  'question.unsupported.other-index': 'I do not cover "{said}" yet.',
  'question.unsupported.other-fx': 'I do not cover that currency yet; the won against the dollar, yen and euro I do.',
  'question.unsupported.dollar-index': 'The dollar index (DXY) is not covered; it is not the same as USD/KRW.',
  'question.unsupported.us-inflation': 'US inflation is not covered yet; Korea CPI is.',
  'question.unsupported.us-policy-rate':
    'The Fed funds rate is not covered yet; the US 10-year yield and the Bank of Korea base rate are.',
  'question.unsupported.real-estate': 'I do not forecast real-estate prices.',
  'question.unsupported.other-commodity': 'I do not cover "{said}" yet; gold, WTI and Brent I do.',
  'question.unsupported.macro': 'I do not cover "{said}" yet.',
  'question.unsupported.other-rate':
    'I do not cover "{said}" yet; the Bank of Korea base rate, the 3-year KTB and the US 10-year yield I do.',
  'question.unsupported.off-topic': 'I only answer questions about financial indicators.',

  'track.span.years': '{n} years',
  'track.span.months': '{n} months',
  'track.methodSeparator': ' + ',
  'track.method.naive': 'last value',
  'track.method.theta': 'theta',
  'track.method.damped-holt': 'damped trend',
  'track.method.ar1-120': 'mean reversion (10 years)',
  'track.method.ar1-240': 'mean reversion (20 years)',
  'track.method.seasonal-trend': 'seasonality plus trend',
  'track.method.drift-half': 'half the 10-year trend',
  'track.vs.better': '{pct}% lower error than',
  'track.vs.worse': '{pct}% higher error than',
  'track.vs.same': 'the same error as',
  'track.line':
    'Forecast by: {methods}. Over the last {span}, its {horizon}-month forecasts for this series had {vs} a no-change forecast, and its 80% band held the outcome {hit} of the time (no-change: {naiveHit}).',
  'track.lineNoChange':
    'Forecast by: last value. On this series no method has reliably beaten a no-change forecast, so the median stays at the current value and only the band is fitted to its recent errors. Over the last {span}, its {horizon}-month 80% band held the outcome {hit} of the time (the plain no-change band: {naiveHit}).',
  'kakao.more': 'More scenario',
  'kakao.alerts': 'Get alerts',
  'kakao.example': 'For example: "KOSPI over the next 6 months?"',
  'kakao.horizonReply': '{months}-month outlook',
  'kakao.outlook': '{name}, {months}-month outlook',
  'kakao.outlookAny': '{name} outlook',
  'kakao.chartAlt': 'Chart of the {name} {months}-month outlook',
  'kakao.notReady': 'The answer could not be prepared. Please ask again shortly.',
  'kakao.notInTime': 'The answer was not ready in time. Please ask again shortly.',
  'kakao.summaryNotInTime': 'The summary was not ready in time. Please ask again shortly.',
  'kakao.stillWriting': 'The summary and scenario are on their way. Tap "{more}" in a moment.',
  'kakao.scenarioStillWriting': 'The scenario is still being written. Tap "{more}" again in a moment.',
  'kakao.nothingMore': 'There is nothing more to show. Please ask a new question.',
  'kakao.userMissing': 'Your user details could not be read. Please ask again in the KakaoTalk channel.',
  'kakao.notUnderstood': 'The request could not be understood. {example}',
  'kakao.tooLong': 'Your question is too long ({length} characters). Please keep it under {max}.',
  'kakao.whatToAsk': 'What would you like to know? {example}',
  'kakao.tooMany': 'That is a lot of questions. Please ask again in {seconds} s.',
  'kakao.alertsOff':
    'Alerts are not switched on on this server yet. When they are, sharp moves and band breaches will come to KakaoTalk.',
  'kakao.computing': 'Working out the chart and the outlook. One moment, please (usually under 10 s).',
  'kakao.tooLarge': 'The request is too large. Please ask again, more briefly.',
  'kakao.unreadable': 'The request could not be read. Please ask again.',
  'kakao.rateLimited': 'Too many requests. Please ask again in {seconds} s.',
  'news.noneLastDay': 'No related news in the last day.',
  'news.topHeadlines': 'Top headlines ({count}):',
  'news.related': 'Related news',
  'news.noneStored': 'No stored news on that yet.',
  'news.askWhat': 'Say what the news should be about, e.g. /news kospi',
  'news.queryTooLong': 'The query can be at most {max} characters.',
  'news.storeDown': 'The news store is unavailable right now; try again shortly.',
  'news.cliEmpty': 'No stored news. Run `riskxpert news fetch` to read NEWS_FEEDS first.',
  'news.alert.burst':
    '📰 News on {name} surged: {count} items in the last hour (usually {mean} an hour). Latest: {item}',
  'news.alert.watched': '📰 Key release on {name}: {item}',
  'news.alert.line': '📰 News alert on {name} ({date})',
};
