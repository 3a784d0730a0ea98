import type { Frequency } from './series.js';

/** How a local CSV file maps onto an indicator (one file may hold many series in long format). */
export interface CsvSource {
  file: string;
  dateCol: string;
  valueCol: string;
  /** Keep only rows where column `col` equals `equals` (long-format files such as BIS policy rates). */
  filter?: { col: string; equals: string };
}

/** One provider's name for an indicator: a KIS code, an ECOS "STAT/CYCLE/ITEM", a FRED series id. */
export interface ProviderSource {
  provider: 'kis' | 'ecos' | 'fred';
  symbol: string;
}

export interface Indicator {
  id: string;
  nameKo: string;
  nameEn: string;
  /** Lower-case aliases matched in questions. Longer aliases win over shorter ones. */
  aliases: string[];
  unit: string;
  unitKo: string;
  frequency: Frequency;
  category: 'equity' | 'fx' | 'rate' | 'inflation' | 'commodity' | 'volatility';
  /**
   * Files tried in order in RISKXPERT_DATA_DIR. The first is the layout of the project's shared data folder;
   * `<id>.csv` with `date,value` columns always works as the simple convention.
   */
  csv: CsvSource[];
  /**
   * Live providers, primary first, then fallbacks; the CSV folder (when set) is always the last resort. A fallback
   * only appends days after what another provider loaded, so it never rewrites history with different numbers.
   */
  providers: ProviderSource[];
  /**
   * The exchange whose trading days a daily series follows: its loads run after that market's close and never keep
   * a bar from a session still open.
   */
  market?: 'KRX';
}

const simple = (id: string): CsvSource => ({ file: `${id}.csv`, dateCol: 'date', valueCol: 'value' });

/** The indicators RiskXpert can forecast. Order is the order shown to users. */
export const CATALOG: readonly Indicator[] = [
  {
    id: 'kospi',
    nameKo: '코스피',
    nameEn: 'KOSPI',
    aliases: ['코스피', '종합주가지수', '코스피지수', '한국 주식', 'kospi', 'ks11', '^ks11'],
    unit: 'pt',
    unitKo: '포인트',
    frequency: 'D',
    category: 'equity',
    csv: [{ file: 'kospi_ks11_daily_yfinance.csv', dateCol: 'Price', valueCol: 'Close' }, simple('kospi')],
    providers: [
      { provider: 'kis', symbol: '0001' },
      { provider: 'ecos', symbol: '802Y001/D/0001000' },
    ],
    market: 'KRX',
  },
  {
    id: 'kosdaq',
    nameKo: '코스닥',
    nameEn: 'KOSDAQ',
    aliases: ['코스닥', '코스닥지수', 'kosdaq', 'kq11', '^kq11'],
    unit: 'pt',
    unitKo: '포인트',
    frequency: 'D',
    category: 'equity',
    csv: [simple('kosdaq')],
    providers: [
      { provider: 'kis', symbol: '1001' },
      { provider: 'ecos', symbol: '802Y001/D/0089000' },
    ],
    market: 'KRX',
  },
  {
    id: 'usdkrw',
    nameKo: '원/달러 환율',
    nameEn: 'USD/KRW',
    aliases: [
      '원달러',
      '원/달러',
      '달러환율',
      '달러 환율',
      '환율',
      '달러',
      'usd/krw',
      'usdkrw',
      'krw=x',
      'dollar',
      'exchange rate',
      'won',
      '환률',
      '원화',
    ],
    unit: 'KRW',
    unitKo: '원',
    frequency: 'D',
    category: 'fx',
    csv: [
      { file: 'fred_DEXKOUS_usdkrw_daily.csv', dateCol: 'observation_date', valueCol: 'DEXKOUS' },
      simple('usdkrw'),
    ],
    providers: [
      { provider: 'ecos', symbol: '731Y001/D/0000001' },
      { provider: 'fred', symbol: 'DEXKOUS' },
    ],
    market: 'KRX',
  },
  {
    id: 'jpykrw',
    nameKo: '원/엔 환율 (100엔)',
    nameEn: 'JPY/KRW (per 100 yen)',
    aliases: ['엔화', '엔환율', '엔 환율', '원엔', '원/엔', '엔', 'jpy/krw', 'jpykrw', 'yen'],
    unit: 'KRW per 100 JPY',
    unitKo: '원(100엔당)',
    frequency: 'D',
    category: 'fx',
    csv: [simple('jpykrw')],
    providers: [{ provider: 'ecos', symbol: '731Y001/D/0000002' }],
    market: 'KRX',
  },
  {
    id: 'eurkrw',
    nameKo: '원/유로 환율',
    nameEn: 'EUR/KRW',
    aliases: ['유로', '유로환율', '유로 환율', '원유로', '원/유로', 'eur/krw', 'eurkrw', 'euro'],
    unit: 'KRW',
    unitKo: '원',
    frequency: 'D',
    category: 'fx',
    csv: [simple('eurkrw')],
    providers: [{ provider: 'ecos', symbol: '731Y001/D/0000003' }],
    market: 'KRX',
  },
  {
    id: 'kr_base_rate',
    nameKo: '한국은행 기준금리',
    nameEn: 'Bank of Korea base rate',
    aliases: [
      '기준금리',
      '한은 금리',
      '한국은행 금리',
      '한은',
      '정책금리',
      'base rate',
      'bok rate',
      'policy rate',
      'korea rate',
      '기준 금리',
      '한국 금리',
    ],
    unit: '%',
    unitKo: '%',
    frequency: 'M',
    category: 'rate',
    csv: [
      {
        file: 'bis_policy_rates_monthly.csv',
        dateCol: 'Date',
        valueCol: 'Interest Rate',
        filter: { col: 'Country', equals: 'KR' },
      },
      simple('kr_base_rate'),
    ],
    providers: [{ provider: 'ecos', symbol: '722Y001/M/0101000' }],
  },
  {
    id: 'kr_treasury_3y',
    nameKo: '국고채 3년 금리',
    nameEn: 'Korea 3-year treasury yield',
    aliases: ['국고채 3년', '국고채3년', '국채 3년', '3년물', '국고채', 'ktb 3y', 'ktb3y', 'korea 3y', 'korean bond'],
    unit: '%',
    unitKo: '%',
    frequency: 'D',
    category: 'rate',
    csv: [simple('kr_treasury_3y')],
    providers: [{ provider: 'ecos', symbol: '817Y002/D/010200000' }],
    market: 'KRX',
  },
  {
    id: 'kr_cpi',
    nameKo: '한국 소비자물가지수',
    nameEn: 'Korea CPI',
    aliases: [
      '소비자물가지수',
      '소비자물가',
      '물가지수',
      '물가',
      '인플레이션',
      'cpi',
      'korea cpi',
      'inflation',
      'consumer prices',
    ],
    // ECOS publishes on base 2020=100, the offline FRED/OECD file on 2015=100.
    unit: 'index',
    unitKo: '지수',
    frequency: 'M',
    category: 'inflation',
    csv: [
      { file: 'fred_KORCPIALLMINMEI_korea_cpi_monthly.csv', dateCol: 'DATE', valueCol: 'KORCPIALLMINMEI' },
      simple('kr_cpi'),
    ],
    // No FRED fallback: FRED's OECD copy is on base 2015=100, ECOS on 2020=100; appending one to the other would jump.
    providers: [{ provider: 'ecos', symbol: '901Y009/M/0' }],
  },
  {
    id: 'sp500',
    nameKo: 'S&P 500',
    nameEn: 'S&P 500',
    aliases: [
      's&p 500',
      's&p500',
      'snp500',
      'sp500',
      's&p',
      '에스앤피',
      '에스엔피',
      '미국 주식',
      '미국증시',
      '미국 증시',
      'spx',
      '^gspc',
    ],
    unit: 'pt',
    unitKo: '포인트',
    frequency: 'M',
    category: 'equity',
    csv: [{ file: 'sp500_shiller_monthly.csv', dateCol: 'Date', valueCol: 'SP500' }, simple('sp500')],
    providers: [{ provider: 'fred', symbol: 'SP500' }],
  },
  {
    id: 'us10y',
    nameKo: '미국 10년 국채금리',
    nameEn: 'US 10-year Treasury yield',
    aliases: [
      '미국 10년물',
      '미 국채 10년',
      '미국채 10년',
      '미국 국채',
      '미국채',
      '미국 금리',
      '10년물',
      'us10y',
      'us 10y',
      '10-year treasury',
      'treasury yield',
      'us yield',
      '미국 10년 국채',
      'us 10-year',
      'treasury yields',
    ],
    unit: '%',
    unitKo: '%',
    frequency: 'M',
    category: 'rate',
    csv: [{ file: 'us10y_yield_monthly.csv', dateCol: 'Date', valueCol: 'Rate' }, simple('us10y')],
    providers: [{ provider: 'fred', symbol: 'DGS10' }],
  },
  {
    id: 'wti',
    nameKo: 'WTI 국제유가',
    nameEn: 'WTI crude oil',
    aliases: ['wti', '국제유가', '유가', '원유', '기름값', 'crude oil', 'crude', 'oil price', 'oil'],
    unit: 'USD/bbl',
    unitKo: '달러/배럴',
    frequency: 'D',
    category: 'commodity',
    csv: [{ file: 'oil_wti_daily.csv', dateCol: 'Date', valueCol: 'Price' }, simple('wti')],
    providers: [{ provider: 'fred', symbol: 'DCOILWTICO' }],
  },
  {
    id: 'brent',
    nameKo: '브렌트유',
    nameEn: 'Brent crude oil',
    aliases: ['브렌트유', '브렌트', 'brent crude', 'brent'],
    unit: 'USD/bbl',
    unitKo: '달러/배럴',
    frequency: 'D',
    category: 'commodity',
    csv: [{ file: 'oil_brent_daily.csv', dateCol: 'Date', valueCol: 'Price' }, simple('brent')],
    providers: [{ provider: 'fred', symbol: 'DCOILBRENTEU' }],
  },
  {
    id: 'gold',
    nameKo: '금 가격',
    nameEn: 'Gold',
    aliases: ['금값', '금 가격', '금시세', '국제 금', '골드', 'gold price', 'gold', 'xau', '금 시세'],
    unit: 'USD/oz',
    unitKo: '달러/온스',
    frequency: 'M',
    category: 'commodity',
    csv: [{ file: 'gold_monthly.csv', dateCol: 'Date', valueCol: 'Price' }, simple('gold')],
    // FRED discontinued its LBMA gold series in 2022: the CSV folder only.
    providers: [],
  },
  {
    id: 'vix',
    nameKo: 'VIX 변동성지수',
    nameEn: 'VIX volatility index',
    aliases: ['vix', '변동성지수', '공포지수', 'volatility index', 'fear index', '변동성 지수', '빅스'],
    unit: 'pt',
    unitKo: '포인트',
    frequency: 'D',
    category: 'volatility',
    csv: [{ file: 'vix_daily.csv', dateCol: 'DATE', valueCol: 'CLOSE' }, simple('vix')],
    providers: [{ provider: 'fred', symbol: 'VIXCLS' }],
  },
];

const BY_ID = new Map(CATALOG.map((i) => [i.id, i]));

export function getIndicator(id: string): Indicator | undefined {
  return BY_ID.get(id);
}

export function indicatorName(indicator: Pick<Indicator, 'nameKo' | 'nameEn'>, locale: 'ko' | 'en'): string {
  return locale === 'ko' ? indicator.nameKo : indicator.nameEn;
}
