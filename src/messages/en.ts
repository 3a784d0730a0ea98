import type { MessageKey } from './ko.js';

/** The English catalog: the same keys and parameters as ko.ts (a unit test checks). */
export const en: Record<MessageKey, string> = {
  // Threshold questions ("will USD/KRW top 1,500?", src/engine/threshold-chance.ts).
  'threshold.above': 'The chance that {name} is above {level} at {when} is about {p}%.',
  'threshold.below': 'The chance that {name} is below {level} at {when} is about {p}%.',
  'threshold.aboveOver': 'The chance that {name} is above {level} at {when} is over {p}%.',
  'threshold.belowOver': 'The chance that {name} is below {level} at {when} is over {p}%.',
  'threshold.aboveUnder': 'The chance that {name} is above {level} at {when} is under {p}%.',
  'threshold.belowUnder': 'The chance that {name} is below {level} at {when} is under {p}%.',
  'threshold.atTheEnd': 'That is the value on that date; crossing it at some point before then is more likely.',
  // What-if questions ("if USD/KRW rises 10%, what about KOSPI?", src/scenario/what-if-answerer.ts).
  'whatIf.effect':
    'What-if: with data as of {asOf}, if {shockName} moves {shock} over {horizon} months, the co-movement of the last 60 months puts the {horizon}-month change of {target} at a median of {median} (80% range {low} to {high}).',
  'whatIf.shiftUp': 'That median is {diff} above the same model without the condition ({uncond}).',
  'whatIf.shiftDown': 'That median is {diff} below the same model without the condition ({uncond}).',
  'whatIf.noRelation':
    'Over the last 60 months their {horizon}-month changes showed no clear co-movement, so the condition leaves it where it is without one (median {uncond}).',
  'whatIf.rare':
    'A move that size is {times} standard deviations of the last 60 months, which is rare: the past relation is weaker evidence there.',
  'whatIf.longRunSame':
    'Over the whole history since {from}, though, their {horizon}-month changes correlate at {corr}: when {shockName} rose, {target} mostly rose too.',
  'whatIf.longRunOpposite':
    'Over the whole history since {from}, though, their {horizon}-month changes correlate at {corr}: when {shockName} rose, {target} mostly fell.',
  'whatIf.wonValue': 'The won moving {won} against the dollar is USD/KRW moving {move}.',
  'whatIf.caveat':
    'This is how they moved together in the past, not cause and effect, and such relations change with the regime.',
  'whatIf.rateAssumed': "'Rates' was read as {name}; for US rates, say 'US 10-year yield'.",
  'whatIf.sizeAssumed':
    'No size was given, so the {horizon}-month move of {name} was taken as {move} (about one standard deviation of its {horizon}-month moves over the last 60 months).',
  'whatIf.ratePercentAsPoints': "A rate's '{value}%' was read as {value} percentage points.",
  'whatIf.levelAsMove': 'For {name} to reach {level}, it must move {move} from {last} ({asOf}).',
  'whatIf.outOfRange':
    'A move of {move} in {name} is outside what can be computed: ask within −90% to +300% for prices and ±10 pp for rates.',
  'whatIf.noData': 'Not enough {name} data to compute the conditional effect.',
  'whatIf.failed': 'The conditional effect could not be computed right now; below is the unconditional forecast.',
  'whatIf.horizonCapped': 'Conditional effects are computed up to {max} months, the horizons checked out of sample.',
  'scenario.unknownIndicator': "'{raw}' is not an indicator scenarios can use. Available: {list}.",
  'scenario.wrongUnitRate': '{name} is a rate: give its move in percentage points (%p), for example +0.5%p.',
  'scenario.wrongUnitPrice': '{name} is a price: give its move in percent (%), for example +10%.',
  'scenario.priceOutOfRange':
    'A move of {move}% in {name} is out of range: price moves must be between −90% and +300%.',
  'scenario.rateOutOfRange':
    'A move of {move}%p in {name} is out of range: rate moves must be between −10%p and +10%p.',
  'scenario.horizon': 'A horizon of {horizon} months is not possible: use 1 to 60 months.',
  'scenario.noShocks': 'Give at least one shock, for example "USD/KRW +10%, KOSPI -15%, 3 months".',
  'scenario.duplicateShock': '{name} has two shocks: keep one.',
  'scenario.name': 'A scenario name must be 1 to 80 characters.',
  'scenario.notFound': "No scenario named '{name}'.",
  'scenario.versionNotFound': "Scenario '{name}' has no version {version}.",
  'scenario.forbidden': "Only the owner can change scenario '{name}'.",
  'scenario.unparsed':
    'I could not read that scenario. Try "USD/KRW +10%, KOSPI -15%, 3 months" or the name of a saved one.',
  'scenario.leadPreview': "Scenario '{name}' ({horizon} months, data as of {asOf}): {shocks}.",
  'scenario.lead': "Scenario '{name}' (version {version}, {horizon} months, data as of {asOf}): {shocks}.",
  'scenario.effect': '{name}: median {median}, 80% range {low} to {high} (unconditional median {uncond}).',
  'scenario.pnlTotal': 'Portfolio P&L {pnl} ({pct}). Worst holding: {worst}.',
  'scenario.pnlBand':
    'Portfolio P&L {pnl} ({pct}), 80% range {low} to {high} (holdings simulated jointly). Worst holding: {worst}.',
  'scenario.pnlNone': 'The portfolio holds nothing, so no P&L was computed.',
  'scenario.replayLead': "Historical replay '{name}' ({from} to {to}), actual moves: {moves}.",
  'scenario.usage':
    '/scenario USD/KRW +10%, KOSPI -15%, 3 months — run it on your paper portfolio\n/scenario save NAME: USD/KRW +10%, 3 months — save\n/scenario edit NAME: USD/KRW +12%, 3 months — new version\n/scenario NAME — run a saved scenario\n/scenario versions NAME — version history\n/scenario list — your scenarios\n/scenario replay gfc-2008 — historical replay (won-crisis-1997, gfc-2008, covid-2020, rate-shock-2022)',
  'scenario.saved': "Scenario '{name}' saved: version {version}.",
  'scenario.listEmpty': 'No saved scenarios yet.',
  'scenario.disclaimer':
    'A statistical estimate from past data, not investment advice. About 2 times in 10 the actual value falls outside the range.',
  'stale.dataEnds':
    'The data runs only to {date} ({ageDays} days ago), so nothing since then is reflected in this answer.',
  'stale.loadFailed':
    'The latest data could not be loaded, so this answer uses data up to {date} ({ageDays} days ago).',
  'time.monthEnd': 'the end of {month}',

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

  'alert.drawdown': '⚠️ {name} is {pct} below its {lookbackDays}-day peak ({value} on {date}; threshold {threshold}%).',
  'alert.move.day': '⚠️ {name} moved {pct} in a day ({value} on {date}; threshold ±{threshold}%).',
  'alert.move.month': '⚠️ {name} moved {pct} in a month ({value} on {date}; threshold ±{threshold}%).',
  'alert.volatilitySpike':
    "⚠️ {name}'s {windowDays}-day volatility is unusually high (z = {z}, threshold {zScore}; {value} on {date}).",
  'alert.forecastLowerBand':
    '⚠️ The lower band (10% quantile) of the {name} forecast falls to {value} in {month}, below {threshold}.',
  'alert.stopLoss':
    "🛑 Stop-loss: {name} is {pct} from your paper position's average cost ({value} on {date}; threshold −{threshold}%).",
  'alert.takeProfit':
    "✅ Take-profit: {name} is {pct} from your paper position's average cost ({value} on {date}; threshold +{threshold}%).",

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

  'sim.won': '{amount} KRW',
  'sim.rule.drawdown': '−{pct}% from the {days}-day peak',
  'sim.rule.move.day': 'a move of ±{pct}% in a day',
  'sim.rule.move.month': 'a move of ±{pct}% in a month',
  'sim.rule.volatilitySpike': 'volatility spike (z ≥ {z})',
  'sim.rule.forecastLowerBand': 'forecast lower band below {threshold}',
  'sim.rule.stopLoss': 'stop-loss −{pct}% (paper average cost)',
  'sim.rule.takeProfit': 'take-profit +{pct}% (paper average cost)',
  'sim.portfolio.head': '💼 Paper account: value {equity}',
  'sim.portfolio.cash': 'Cash {cash} · realized {realized} · unrealized {unrealized}',
  'sim.portfolio.position': '• {name} ×{quantity}, average {average}, value {value} ({unrealized}, as of {asOf})',
  'sim.portfolio.empty': 'No positions. Try: /buy kospi 3',
  'sim.portfolio.disclaimer': 'A virtual account; not investment advice.',
  'sim.order.invalidCode': '⚠️ {code} is not a valid stock code: a KRX code is 6 digits (e.g. 005930).',
  'sim.order.usage':
    'Usage: /{command} kospi 3 · /{command} 005930 10 (an indicator or a KRX stock code, and a quantity)',
  'sim.order.bought': 'Bought',
  'sim.order.sold': 'Sold',
  'sim.order.realized': ', realized {realized}',
  'sim.order.filled': '✅ {verb} {quantity} {name} at {price} (close of {date}), fee {fee}{realized}. Cash {cash}',
  'sim.button.portfolio': '💼 Portfolio',
  'sim.reset': '🔄 Account reset. Cash {cash}',
  'sim.subscribe.usage': 'Usage: /subscribe kospi drawdown 10 · move 5 · vol 2 · band 2300 · stop 10 · take 20',
  'sim.subscribe.needsThreshold': 'The lower-band rule needs a threshold, e.g. /subscribe kospi band 2300',
  'sim.subscribe.done': '🔔 Subscribed: {name} — {rule}{quiet}',
  'sim.subscribe.quiet': ' (quiet hours {hours})',
  'sim.button.myAlerts': '📋 My alerts',
  'sim.subscriptions.empty': 'No alerts yet. Try: /subscribe kospi drawdown 10',
  'sim.subscriptions.stopped': ' (stopped)',
  'sim.button.remove': '❌ Remove {n}',
  'sim.unsubscribe.which': 'Which one? e.g. /unsubscribe 1 (see /subscriptions), or /unsubscribe all',
  'sim.unsubscribe.done': '🔕 Removed {n} alert(s).',
  'sim.quiet.off': 'Quiet hours off.',
  'sim.quiet.usage': 'Usage: /quiet 23:00-07:00 (Seoul time), or /quiet off',
  'sim.quiet.on': '🌙 Quiet hours {hours} (Seoul): alerts in that window wait until it ends. ({n} alerts)',
  'sim.stock.loading': '⏳ Loading the price of {name}; try again in a moment.',
  'sim.stock.load-failed': '⚠️ Could not load the price of {code} from KIS; check the code.',
  'sim.stock.needs-kis':
    '⚠️ Stock prices need KIS_APP_KEY and KIS_APP_SECRET (KIS Open API), or {file} in RISKXPERT_DATA_DIR.',
  'sim.stock.needs-queue':
    '⚠️ No price for {code} yet. Stock prices are loaded by `riskxpert worker` and need QUEUE_REDIS_URL (or {file} in RISKXPERT_DATA_DIR).',
  'sim.chart.title': 'Paper account value',
  'sim.chart.unit': 'KRW',
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
  'risk.parse.noWeight': 'No weight (%) found in "{part}". Example: Samsung 50%, KOSPI 30%, dollar 20%',
  'risk.parse.unknown': 'Unknown holding "{name}". Use an indicator name (KOSPI, dollar, …) or a 6-digit KRX code.',
  'risk.parse.empty': 'No holdings found. Example: Samsung 50%, KOSPI 30%, dollar 20%',
  'risk.parse.over': 'The weights add up to {total}%. Keep them at 100% or less (the rest counts as cash).',
  'risk.summary':
    'Simulation of {paths} paths as of {asOf}: the one-month 95% VaR is {var1m}, and the average loss in the worst 5% of cases (ES) is {es1m}.',
  'risk.horizons':
    '95% VaR: {var1d} over a day, {var3m} over 3 months, {var12m} over 12 months; the one-month 99% VaR is {var99}.',
  'risk.limit': 'Chance of losing more than your limit of {limit}: {p1m} in a month, {p12m} in 12 months.',
  'risk.contribution': 'The largest contributor to one-month ES is {holding} ({share}).',
  'risk.score': 'Risk score: {score} out of 100. Main driver: {driver}.',
  'risk.driver.var-vs-limit': 'VaR at {ratio}× the limit',
  'risk.driver.concentration': '{holding} at {weight} of the account',
  'risk.driver.drawdown': 'a {dd} drawdown over the last year',
  'risk.driver.threat': 'a threat event on {holding}',
  'risk.plan.reduce': 'Cutting {holding} from {from} to {to} moves the 95% VaR from {before} to {after}.',
  'risk.plan.hold': 'You are within your limit; nothing to change now.',
  'risk.reco':
    'For education, not investment advice: splitting by risk parity as {weights} moves the one-month 95% VaR from {before} to {after}.',
  'risk.reco.confirm': 'To apply it to your paper account, confirm with /apply within 10 minutes.',
  'risk.profile.saved': 'Saved your risk profile: {appetite}, a one-month loss limit of {limit}.',
  'risk.profile.none': 'No risk profile yet. Example: /profile balanced 10%',
  'risk.appetite.stable': 'stable',
  'risk.appetite.balanced': 'balanced',
  'risk.appetite.aggressive': 'aggressive',
  'risk.report': 'Report: {url}',
  'risk.noHoldings': 'Your paper account holds nothing. State weights instead: Samsung 50%, KOSPI 30%, dollar 20%',
  'risk.threatAlert': 'A threat event fired on {holding}. Your portfolio one-month 95% VaR is {var1m}.',
  'risk.apply.none': 'No recent recommendation to apply. Get one with /plan first.',
  'risk.apply.stale':
    'The recommendation is older than {minutes} minutes, so nothing was applied. Get a fresh one with /plan and confirm again.',
  'risk.apply.changed':
    'Your account changed after the recommendation, so nothing was applied. Get a fresh one with /plan and confirm again.',
  'risk.apply.noTrader': 'Paper trading is off, so there is nothing to apply it to.',
  'risk.apply.done': 'Applied the recommendation to your paper account, for education: {orders}.',
  'risk.apply.nothing': 'Your account is already close to the recommendation; no orders needed.',
  'risk.apply.buy': 'bought {quantity} {holding}',
  'risk.apply.sell': 'sold {quantity} {holding}',
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
  'sim.rule.news': 'news bursts and key releases',
};
