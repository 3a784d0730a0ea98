/** What-if, threshold and scenario-editor texts (src/scenario, src/engine/threshold-chance.ts): part of the English catalog (en.ts); the same keys as ko-scenarios.ts. */
export const enScenarios = {
  'scenario.chart.portfolio': 'Portfolio',
  'scenario.chart.pnlAxis': 'P&L (KRW)',
  'format.won': 'KRW {sign}{digits}',
  // Threshold questions ("will USD/KRW top 1,500?", src/engine/threshold-chance.ts).
  'threshold.above': 'The chance that {name} is above {level} {when} is about {p}%.',
  'threshold.below': 'The chance that {name} is below {level} {when} is about {p}%.',
  'threshold.aboveOver': 'The chance that {name} is above {level} {when} is over {p}%.',
  'threshold.belowOver': 'The chance that {name} is below {level} {when} is over {p}%.',
  'threshold.aboveUnder': 'The chance that {name} is above {level} {when} is under {p}%.',
  'threshold.belowUnder': 'The chance that {name} is below {level} {when} is under {p}%.',
  'threshold.half': 'half its last value ({level})',
  'threshold.double': 'twice its last value ({level})',
  'threshold.recordHigh': 'its highest since {since} ({level}, {date})',
  'threshold.recordLow': 'its lowest since {since} ({level}, {date})',
  'threshold.atTheEnd': 'That is the value on that date; crossing it at some point before then is more likely.',
  // "When will it fall?" questions (src/engine/threshold-chance.ts whenSentence).
  'when.below': 'The chance that {name} is below the last value, {now}: {list}.',
  'when.above': 'The chance that {name} is above the last value, {now}: {list}.',
  'when.stepBelow': 'The chance that {name} is at least 0.25 percentage points below the last value, {now}: {list}.',
  'when.stepAbove': 'The chance that {name} is at least 0.25 percentage points above the last value, {now}: {list}.',
  'when.levelBelow': 'The chance that {name} is below {level}: {list}.',
  'when.levelAbove': 'The chance that {name} is above {level}: {list}.',
  'when.item': 'about {p}% in {months} months',
  'when.itemUnder': 'under {p}% in {months} months',
  'when.itemOver': 'over {p}% in {months} months',
  'when.noDate': 'No model can name the month, so this gives the chance at each point.',
  // "Will KOSPI rise?" questions (src/engine/threshold-chance.ts directionSentence).
  'direction.above': 'The chance that {name} is above the last value, {now}, {when} is {pText}.',
  'direction.below': 'The chance that {name} is below the last value, {now}, {when} is {pText}.',
  'direction.stepAbove':
    'The chance that {name} is at least 0.25 percentage points above the last value, {now}, {when} is {pText}.',
  'direction.stepBelow':
    'The chance that {name} is at least 0.25 percentage points below the last value, {now}, {when} is {pText}.',
  'direction.p': 'about {p}%',
  'direction.pUnder': 'under {p}%',
  'direction.pOver': 'over {p}%',
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
};
