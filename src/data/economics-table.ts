import type { Bilingual, IndicatorEconomics } from './economics-types.js';

const fxUsd: IndicatorEconomics = {
  decimals: 1,
  changeUnit: '%',
  reading: 'level',
  shock: 'up',
  drivers: {
    up: {
      ko: '글로벌 위험회피로 달러 수요가 커지거나, 미국 금리가 높게 유지되거나, 수출과 경상수지가 부진할 때(원화 약세)',
      en: 'when a global flight to safety lifts demand for dollars, US rates stay high, or Korean exports and the current account weaken (a weaker won)',
    },
    down: {
      ko: '위험선호가 살아나 외국인 자금이 국내 주식·채권으로 들어오거나, 수출 호조나 미국 금리 하락으로 달러가 약해질 때(원화 강세)',
      en: 'when risk appetite returns and foreign money flows into Korean stocks and bonds, or strong exports and falling US rates weaken the dollar (a stronger won)',
    },
  },
  riskOffRiskOn: {
    ko: '위험회피 국면에는 원화가 약해져 환율이 오르고, 위험선호 국면에는 내리는 경향이 있습니다.',
    en: 'In risk-off markets the won usually weakens and the rate rises; in risk-on markets it tends to fall.',
  },
};

const oil = (name: Bilingual): IndicatorEconomics => ({
  decimals: 2,
  changeUnit: '%',
  reading: 'level',
  shock: 'down',
  drivers: {
    up: {
      ko: '중동 등 산유지역의 공급 차질이나 OPEC+ 감산, 세계 경기 회복으로 원유 수요가 늘 때',
      en: 'when supply is disrupted in producing regions, OPEC+ cuts output, or a recovering world economy lifts demand',
    },
    down: {
      ko: '경기 둔화로 원유 수요가 줄거나 OPEC+ 증산과 재고 증가로 공급이 넘칠 때',
      en: 'when a slowing economy cuts demand, or OPEC+ adds supply and inventories build',
    },
  },
  riskOffRiskOn: {
    ko: `수요 충격형 위험회피 국면에는 ${name.ko}가 보통 내리고 경기 낙관 국면에는 오르지만, 산유지역 분쟁 같은 공급 충격은 반대로 가격을 올립니다.`,
    en: `In a demand-driven risk-off market ${name.en} usually falls and it rises when growth hopes return, but a supply shock such as a conflict in a producing region pushes it up instead.`,
  },
});

/** Keyed by catalog id; a unit test checks every catalog indicator has an entry. */
export const INDICATOR_ECONOMICS: Readonly<Record<string, IndicatorEconomics>> = {
  kospi: {
    decimals: 1,
    changeUnit: '%',
    reading: 'level',
    shock: 'down',
    drivers: {
      up: {
        ko: '반도체 등 수출 경기가 살아나고 외국인 순매수와 위험선호가 늘 때',
        en: 'when exports and the chip cycle recover and foreign investors buy on returning risk appetite',
      },
      down: {
        ko: '경기 둔화 우려나 글로벌 위험회피로 외국인이 팔고 원화가 약해질 때',
        en: 'when growth worries or a global flight to safety make foreign investors sell and the won weakens',
      },
    },
    riskOffRiskOn: {
      ko: '위험회피 국면에는 외국인 매도로 내리고, 위험선호 국면에는 오르는 경향이 있습니다.',
      en: 'It tends to fall in risk-off markets as foreign investors sell, and to rise in risk-on markets.',
    },
  },
  kosdaq: {
    decimals: 1,
    changeUnit: '%',
    reading: 'level',
    shock: 'down',
    drivers: {
      up: {
        ko: '금리가 내리고 성장주·기술주 선호가 커지며 개인과 외국인 매수가 몰릴 때',
        en: 'when rates fall and appetite for growth and technology stocks draws retail and foreign buying',
      },
      down: {
        ko: '금리 상승이나 위험회피로 성장주가 약해지고 신용 매수가 정리될 때',
        en: 'when rising rates or risk aversion hit growth stocks and margin positions unwind',
      },
    },
    riskOffRiskOn: {
      ko: '위험회피 국면에는 코스피보다 더 크게 내리고, 위험선호 국면에는 더 크게 오르는 경향이 있습니다.',
      en: 'It usually falls more than KOSPI in risk-off markets and rises more in risk-on markets.',
    },
  },
  usdkrw: fxUsd,
  jpykrw: {
    decimals: 1,
    changeUnit: '%',
    reading: 'level',
    shock: 'up',
    drivers: {
      up: {
        ko: '위험회피로 안전자산인 엔화 수요가 커지거나 일본은행이 금리를 올려 엔화가 강해질 때',
        en: 'when risk aversion lifts demand for the yen as a safe haven or the Bank of Japan raises rates',
      },
      down: {
        ko: '위험선호 속에 엔캐리 거래가 늘거나 미·일 금리차가 벌어져 엔화가 약해질 때',
        en: 'when carry trades grow on risk appetite or a wider US-Japan rate gap weakens the yen',
      },
    },
    riskOffRiskOn: {
      ko: '위험회피 국면에는 엔화가 강해져 원/엔 환율이 오르고, 위험선호 국면에는 내리는 경향이 있습니다.',
      en: 'In risk-off markets the yen usually strengthens and JPY/KRW rises; in risk-on markets it tends to fall.',
    },
  },
  eurkrw: {
    decimals: 1,
    changeUnit: '%',
    reading: 'level',
    shock: 'up',
    drivers: {
      up: {
        ko: '유로존 경기가 좋아지거나 유럽중앙은행이 긴축하거나, 위험회피로 원화가 약해질 때',
        en: 'when the euro-area economy improves, the ECB tightens, or risk aversion weakens the won',
      },
      down: {
        ko: '유로존 경기가 부진하거나 유럽중앙은행이 완화하거나, 원화가 강해질 때',
        en: 'when the euro-area economy stalls, the ECB eases, or the won strengthens',
      },
    },
    riskOffRiskOn: {
      ko: '위험회피 국면에는 원화 약세로 오르기 쉽고, 위험선호 국면에는 내리기 쉽습니다.',
      en: 'It tends to rise in risk-off markets as the won weakens, and to fall in risk-on markets.',
    },
  },
  kr_base_rate: {
    decimals: 2,
    changeUnit: '%p',
    reading: 'level',
    shock: 'down',
    drivers: {
      up: {
        ko: '물가가 목표(2%)를 웃돌거나 원화 약세와 가계부채 증가로 한국은행이 금리를 올릴 때',
        en: 'when inflation runs above the 2% target or a weak won and rising household debt lead the Bank of Korea to hike',
      },
      down: {
        ko: '경기가 둔화하고 물가가 안정되거나 금융시장이 불안해져 한국은행이 금리를 내릴 때',
        en: 'when growth slows, inflation settles or financial stress leads the Bank of Korea to cut',
      },
    },
    riskOffRiskOn: {
      ko: '금융 충격과 경기 위축 국면에는 인하 쪽으로, 물가가 오르는 호황 국면에는 인상 쪽으로 움직입니다. 보통 0.25%p(25bp)씩 바뀝니다.',
      en: 'Shocks and downturns push it toward cuts, inflationary booms toward hikes. It usually moves in steps of 0.25 percentage points (25 bp).',
    },
  },
  kr_treasury_3y: {
    decimals: 2,
    changeUnit: '%p',
    reading: 'level',
    shock: 'down',
    drivers: {
      up: {
        ko: '기준금리 인상 기대나 물가 상승, 국채 발행 증가, 미국 금리 상승이 겹칠 때',
        en: 'when markets expect base-rate hikes, inflation rises, bond supply grows or US yields climb',
      },
      down: {
        ko: '기준금리 인하 기대가 커지거나 경기가 둔화하고, 위험회피로 안전자산인 국채에 돈이 몰릴 때',
        en: 'when markets expect base-rate cuts, growth slows, or a flight to safety draws money into government bonds',
      },
    },
    riskOffRiskOn: {
      ko: '위험회피 국면에는 국채 수요가 늘어 금리가 내리고, 위험선호 국면에는 오르는 경향이 있습니다.',
      en: 'In a flight to safety bond demand pushes the yield down; in risk-on markets it tends to rise.',
    },
  },
  kr_cpi: {
    decimals: 2,
    changeUnit: '%',
    reading: 'yoy',
    shock: 'down',
    drivers: {
      up: {
        ko: '유가와 원자재 가격이 오르거나 원화 약세로 수입물가가 오르고, 공공요금 인상이나 수요 압력이 겹칠 때',
        en: 'when oil and commodity prices rise, a weaker won lifts import prices, or utility prices and demand pressure rise',
      },
      down: {
        ko: '유가가 내리고 원화가 강해지거나 소비가 위축될 때',
        en: 'when oil falls, the won strengthens or consumer demand weakens',
      },
    },
    riskOffRiskOn: {
      ko: '경기 충격은 보통 수요와 유가를 낮춰 물가 상승세를 누그러뜨리지만, 함께 오는 원화 약세는 수입물가를 올립니다.',
      en: 'A downturn usually cools inflation through weaker demand and cheaper oil, though the weaker won that comes with it raises import prices.',
    },
  },
  sp500: {
    decimals: 1,
    changeUnit: '%',
    reading: 'level',
    shock: 'down',
    drivers: {
      up: {
        ko: '기업 이익이 좋아지고 금리가 내리며 기술주 중심의 위험선호가 커질 때',
        en: 'when earnings improve, rates fall and risk appetite led by technology stocks grows',
      },
      down: {
        ko: '경기침체 우려나 금리 상승, 위험회피로 주식을 줄일 때',
        en: 'when recession fears, rising rates or risk aversion make investors cut stocks',
      },
    },
    riskOffRiskOn: {
      ko: '위험회피 국면에는 내리고, 위험선호 국면에는 오르는 경향이 있습니다.',
      en: 'It tends to fall in risk-off markets and to rise in risk-on markets.',
    },
  },
  us10y: {
    decimals: 2,
    changeUnit: '%p',
    reading: 'level',
    shock: 'down',
    drivers: {
      up: {
        ko: '미국 물가와 성장이 예상보다 강해 연준 긴축 기대가 커지거나, 재정적자로 국채 공급이 늘 때',
        en: 'when US inflation and growth run hotter than expected, the Fed is expected to stay tight, or deficits add to Treasury supply',
      },
      down: {
        ko: '경기 둔화로 연준 인하 기대가 커지거나, 위험회피로 안전자산인 미 국채에 돈이 몰릴 때',
        en: 'when a slowdown raises expectations of Fed cuts, or a flight to safety draws money into Treasuries',
      },
    },
    riskOffRiskOn: {
      ko: '위험회피 국면에는 미 국채 수요가 늘어 금리가 내리고, 위험선호 국면에는 오르는 경향이 있습니다.',
      en: 'In a flight to safety Treasury demand pushes the yield down; in risk-on markets it tends to rise.',
    },
  },
  wti: oil({ ko: 'WTI', en: 'WTI' }),
  brent: oil({ ko: '브렌트유', en: 'Brent' }),
  gold: {
    decimals: 1,
    changeUnit: '%',
    reading: 'level',
    shock: 'up',
    drivers: {
      up: {
        ko: '지정학 불안이나 위험회피로 안전자산 수요가 늘거나, 실질금리가 내리고 달러가 약해지거나, 중앙은행 매입이 이어질 때',
        en: 'when geopolitical stress or risk aversion lifts safe-haven demand, real rates fall, the dollar weakens, or central banks keep buying',
      },
      down: {
        ko: '실질금리가 오르고 달러가 강해지거나, 위험선호로 안전자산 수요가 줄 때',
        en: 'when real rates rise, the dollar strengthens, or risk appetite reduces safe-haven demand',
      },
    },
    riskOffRiskOn: {
      ko: '위험회피 국면에는 안전자산 수요로 오르는 경우가 많고, 위험선호 국면에는 주춤하는 경향이 있습니다.',
      en: 'It often rises in risk-off markets on safe-haven demand, and tends to lag in risk-on markets.',
    },
  },
  vix: {
    decimals: 2,
    changeUnit: '%',
    reading: 'level',
    shock: 'up',
    drivers: {
      up: {
        ko: '주가 급락이나 지정학·신용 충격으로 위험회피가 커지고 옵션 보험 수요가 몰릴 때',
        en: 'when a sell-off or a geopolitical or credit shock drives risk aversion and demand for option protection',
      },
      down: {
        ko: '시장이 안정되고 위험선호가 돌아와 변동성 우려가 가라앉을 때',
        en: 'when markets calm down, risk appetite returns and fear of large moves fades',
      },
    },
    riskOffRiskOn: {
      ko: '위험회피 국면에는 급등하고, 시장이 안정되면 낮은 수준으로 돌아오는 경향이 있습니다(평소 10~20포인트대).',
      en: 'It jumps in risk-off markets and drifts back down when markets calm (usually in the 10s to 20s).',
    },
  },
};
