/** What-if, threshold and scenario-editor texts (src/scenario, src/engine/threshold-chance.ts): part of the Korean catalog (ko.ts). */
export const koScenarios = {
  'scenario.chart.portfolio': '포트폴리오',
  'scenario.chart.pnlAxis': '손익(원)',
  'format.won': '{sign}{digits}원',
  // Threshold questions ("환율 1500 넘을까?", src/engine/threshold-chance.ts).
  'threshold.above': '{when} {name:이/가} {level}보다 높을 확률은 약 {p}%예요.',
  'threshold.below': '{when} {name:이/가} {level}보다 낮을 확률은 약 {p}%예요.',
  'threshold.aboveOver': '{when} {name:이/가} {level}보다 높을 확률은 {p}%가 넘어요.',
  'threshold.belowOver': '{when} {name:이/가} {level}보다 낮을 확률은 {p}%가 넘어요.',
  'threshold.aboveUnder': '{when} {name:이/가} {level}보다 높을 확률은 {p}% 미만이에요.',
  'threshold.belowUnder': '{when} {name:이/가} {level}보다 낮을 확률은 {p}% 미만이에요.',
  'threshold.half': '마지막 값의 절반({level})',
  'threshold.double': '마지막 값의 두 배({level})',
  'threshold.recordHigh': '{since}년 이후 최고치({level}, {date})',
  'threshold.recordLow': '{since}년 이후 최저치({level}, {date})',
  'threshold.atTheEnd': '그 시점의 값 기준이라, 그 사이에 잠깐 넘나드는 경우는 이보다 잦아요.',
  // "언제 내려?" questions (src/engine/threshold-chance.ts whenSentence).
  'when.below': '{name:이/가} 마지막 값({now})보다 낮아져 있을 확률은 {list:이에요/예요}.',
  'when.above': '{name:이/가} 마지막 값({now})보다 높아져 있을 확률은 {list:이에요/예요}.',
  'when.stepBelow': '{name:이/가} 마지막 값({now})보다 0.25%p 이상 낮아져 있을 확률은 {list:이에요/예요}.',
  'when.stepAbove': '{name:이/가} 마지막 값({now})보다 0.25%p 이상 높아져 있을 확률은 {list:이에요/예요}.',
  'when.levelBelow': '{name:이/가} {level}보다 낮아져 있을 확률은 {list:이에요/예요}.',
  'when.levelAbove': '{name:이/가} {level}보다 높아져 있을 확률은 {list:이에요/예요}.',
  'when.item': '{months}개월 뒤 약 {p}%',
  'when.itemUnder': '{months}개월 뒤 {p}% 미만',
  'when.itemOver': '{months}개월 뒤 {p}% 초과',
  'when.noDate': '몇 월이라고 집어 말할 수 있는 모형은 없어서, 시점별 확률로 답했어요.',
  // "코스피 오를까?" questions (src/engine/threshold-chance.ts directionSentence).
  'direction.above': '{when} {name:이/가} 마지막 값({now})보다 높을 확률은 {pText}.',
  'direction.below': '{when} {name:이/가} 마지막 값({now})보다 낮을 확률은 {pText}.',
  'direction.stepAbove': '{when} {name:이/가} 마지막 값({now})보다 0.25%p 이상 높을 확률은 {pText}.',
  'direction.stepBelow': '{when} {name:이/가} 마지막 값({now})보다 0.25%p 이상 낮을 확률은 {pText}.',
  'direction.p': '약 {p}%예요',
  'direction.pUnder': '{p}% 미만이에요',
  'direction.pOver': '{p}%가 넘어요',
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
} as const;
