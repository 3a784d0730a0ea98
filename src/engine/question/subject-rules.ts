import { CATALOG } from '../../data/catalog.js';
import { STOCK_ALIASES } from '../../data/stock-instruments.js';
import { aliasSource, standaloneSyllable } from './normalize.js';

/** Subjects that are not forecast (yet); each has its own explanation. */
export type UnsupportedTopic =
  | 'single-stock'
  | 'crypto'
  | 'other-index'
  | 'other-fx'
  | 'dollar-index'
  | 'us-inflation'
  | 'us-policy-rate'
  | 'real-estate'
  | 'other-commodity'
  | 'other-rate'
  | 'macro'
  | 'off-topic';

/** Why an indicator was picked for a name that could mean more than one thing ("유가" is read as WTI). */
export type PickNote = 'oil-as-wti' | 'kospi200-as-kospi' | 'rate-action-as-base-rate' | 'won-as-usdkrw';

export type SubjectRule =
  | { kind: 'indicator'; id: string; note?: PickNote }
  | { kind: 'ambiguous'; term: 'rate' | 'bond' | 'stocks'; ids: string[] }
  | { kind: 'unsupported'; topic: UnsupportedTopic; suggest: string[] };

export interface CompiledRule {
  re: RegExp;
  rule: SubjectRule;
}

const RATE_IDS = ['kr_base_rate', 'us10y', 'kr_treasury_3y'];
const BOND_IDS = ['kr_treasury_3y', 'us10y'];
const STOCK_IDS = ['kospi', 'kosdaq', 'sp500'];
// After a horizon word, "N년" is the horizon, not a maturity: "국채 3년 뒤 금리".
const NOT_HORIZON = '(?!\\s*(?:뒤|후|간|동안|이내|안에|앞|ahead|later|from now))';

/** Names with numbers inside and other shapes the catalog's plain aliases cannot express. */
const PATTERNS: [string, SubjectRule][] = [
  // US 10-year: "미국 10년물", "미국 10년 국채 금리", "미 국채 10년", "10년 만기 국채", "us 10-year yield", "10yr"
  [
    `(?:미국|미|us|u\\.s\\.?)\\s*(?:국채|채권|treasury|국고채)?\\s*(?:10|십)\\s*(?:년|y|yr|[\\s-]*year)(?:물|짜리)?${NOT_HORIZON}`,
    { kind: 'indicator', id: 'us10y' },
  ],
  [`(?<![0-9])10\\s*년\\s*(?:물|만기|짜리|국채|채권|금리|미국채)`, { kind: 'indicator', id: 'us10y' }],
  [
    `(?<![a-z0-9])(?:10|ten)[\\s-]*(?:y|yr|year)s?[\\s-]*(?:treasury|treasuries|note|bond|yield|t-note|gov)`,
    { kind: 'indicator', id: 'us10y' },
  ],
  [
    `(?<![a-z0-9])(?:treasury|treasuries|t-note|t-bond)(?:\\s+(?:yield|rate|note|bond)s?)?(?![a-z])`,
    { kind: 'indicator', id: 'us10y' },
  ],
  [
    `(?<![a-z0-9])(?:us|u\\.s\\.?|american)\\s+(?:bond|government bond|gov't bond)?\\s*(?:yield|rate)s?(?![a-z])`,
    { kind: 'indicator', id: 'us10y' },
  ],
  [`미\\s*국채|미국\\s*채권|미국\\s*(?:국채|장기)\\s*금리|미\\s*장기\\s*금리`, { kind: 'indicator', id: 'us10y' }],
  // Korea 3-year: "국고채 3년", "국채 3년물", "3년 만기 국고채", "한국 3년물", "ktb 3y", "korean 3-year"
  [
    `(?:국고채|국채|한국\\s*국채|한국)\\s*(?:3|삼)\\s*년(?:물|만기|짜리)?${NOT_HORIZON}`,
    { kind: 'indicator', id: 'kr_treasury_3y' },
  ],
  [`(?<![0-9])3\\s*년\\s*(?:물|만기|짜리|국채|국고채|채권|금리)`, { kind: 'indicator', id: 'kr_treasury_3y' }],
  [
    `(?<![a-z0-9])(?:korea|korean|ktb)\\s*(?:treasury|government|gov't)?\\s*(?:bond)?\\s*(?:3|three)[\\s-]*(?:y|yr|year)s?(?![a-z0-9])`,
    { kind: 'indicator', id: 'kr_treasury_3y' },
  ],
  [
    `(?<![a-z0-9])(?:3|three)[\\s-]*(?:y|yr|year)[\\s-]*(?:ktb|korean?\\s*(?:treasury|bond|yield)s?)`,
    { kind: 'indicator', id: 'kr_treasury_3y' },
  ],
  [
    `(?<![a-z0-9])(?:korean?|ktb)\\s*(?:treasury|government)?\\s*(?:bond|treasury)\\s*(?:yield|rate)?s?(?![a-z])`,
    { kind: 'indicator', id: 'kr_treasury_3y' },
  ],
  [`한국\\s*(?:국고채|국채|채권)`, { kind: 'indicator', id: 'kr_treasury_3y' }],
  // Base rate: "기준 금리", "한국 금리", "한은 기준금리", "bok", "korea interest rate"
  [
    `기준\\s*금리|기준\\s*이자율|한국\\s*금리|우리나라\\s*금리|국내\\s*금리|한국\\s*기준|한국은행`,
    { kind: 'indicator', id: 'kr_base_rate' },
  ],
  [
    `(?<![a-z0-9])(?:bok|bank of korea|korea(?:n)?\\s*(?:base|policy|interest|benchmark)?\\s*rates?)(?![a-z])`,
    { kind: 'indicator', id: 'kr_base_rate' },
  ],
  // S&P 500 written every which way
  [
    `(?<![a-z0-9])(?:s\\s*&\\s*p|s\\s*and\\s*p|snp|sp|s&p)\\s*-?\\s*500(?![0-9])|에스\\s*[앤엔]\\s*피(?:\\s*500)?`,
    { kind: 'indicator', id: 'sp500' },
  ],
  // KOSPI 200 is not served; the KOSPI itself is the nearest
  [
    `코\\s*스\\s*피\\s*200(?![0-9])|(?<![a-z])kospi\\s*200(?![0-9])`,
    { kind: 'indicator', id: 'kospi', note: 'kospi200-as-kospi' },
  ],
  // Gold as one syllable ("금 시세", "금은", "금 1년"), not "금리"/"금년"/"금요일"
  [`${standaloneSyllable('금')}|(?<![가-힣])국제\\s*금`, { kind: 'indicator', id: 'gold' }],
  // Volatility
  [`변동성\\s*지수|공포\\s*지수|빅스|(?<![a-z])vix(?![a-z])`, { kind: 'indicator', id: 'vix' }],
  [`엔\\s*(?:저|고|캐리)(?![가-힣])|엔저|엔고`, { kind: 'indicator', id: 'jpykrw' }],
  [`원화\\s*(?:가치|값|약세|강세|환율)?`, { kind: 'indicator', id: 'usdkrw', note: 'won-as-usdkrw' }],
  [
    `(?<![a-z])(?:usd|dollar)\\s*[/-]?\\s*(?:krw|won)(?![a-z])|(?<![a-z])krw\\s*[/-]?\\s*usd(?![a-z])|(?<![a-z])krw(?![a-z])`,
    { kind: 'indicator', id: 'usdkrw' },
  ],
  [
    `(?<![a-z])(?:jpy|yen)\\s*[/-]?\\s*(?:krw|won)(?![a-z])|(?<![a-z])krw\\s*[/-]?\\s*jpy(?![a-z])|(?<![a-z])jpy(?![a-z])`,
    { kind: 'indicator', id: 'jpykrw' },
  ],
  [
    `(?<![a-z])(?:eur|euro)\\s*[/-]?\\s*(?:krw|won)(?![a-z])|(?<![a-z])krw\\s*[/-]?\\s*eur(?![a-z])|(?<![a-z])eur(?![a-z])`,
    { kind: 'indicator', id: 'eurkrw' },
  ],
  // Common typos
  [`환\\s*률|환\\s*율`, { kind: 'indicator', id: 'usdkrw' }],
  [`코\\s*스\\s*[피비]|코피스|(?<![a-z])kopsi(?![a-z])`, { kind: 'indicator', id: 'kospi' }],
  [`코\\s*스\\s*[닥탁]`, { kind: 'indicator', id: 'kosdaq' }],
  [
    `(?:국내|한국|우리나라|한국\\s*주식|국장)\\s*(?:증시|주식\\s*시장|주식|주가|장)|국장`,
    { kind: 'indicator', id: 'kospi' },
  ],
  [
    `(?<![a-z])(?:korean?|korea's)\\s*(?:stocks?|stock\\s*market|equities|shares)(?![a-z])`,
    { kind: 'indicator', id: 'kospi' },
  ],
  [
    `(?<![a-z])(?:us|u\\.s\\.?|american)\\s*(?:stocks?|stock\\s*market|equities)(?![a-z])|미장|미국\\s*(?:주식\\s*시장|주가)`,
    { kind: 'indicator', id: 'sp500' },
  ],
  // Oil said generically is read as WTI, and the answer says so
  [
    `국제\\s*유가|유가|원유|기름\\s*값|석유|(?<![a-z])(?:crude(?:\\s*oil)?|oil(?:\\s*prices?)?)(?![a-z])`,
    { kind: 'indicator', id: 'wti', note: 'oil-as-wti' },
  ],

  // "금리 인하 언제 해?", "금리 올릴까?": cutting, raising or holding is what a central bank does to its policy rate.
  // Read as the base rate (the answer says so); the Fed's rate is not covered and keeps its own rule.
  [
    `(?<!미국\\s*|미\\s*|연준\\s*|fed\\s*)금\\s*리(?=\\s*(?:를|가|은|는|도)?\\s*(?:인하|인상|동결|내릴|올릴|내리|올리|낮출|낮추|높일))`,
    { kind: 'indicator', id: 'kr_base_rate', note: 'rate-action-as-base-rate' },
  ],
  // The same in English: "when will rates be cut?", "will they hike rates?" (not the Fed's, not US rates).
  [
    `(?<!(?:fed|fed's|fomc|us|u\\.s\\.?|american)\\s+)(?<![a-z])(?:(?:interest\\s+)?rates\\s+(?:be\\s+)?(?:cut|hiked|raised|lowered)|(?:cut|hike|raise|lower)\\s+(?:interest\\s+)?rates)(?![a-z])`,
    { kind: 'indicator', id: 'kr_base_rate', note: 'rate-action-as-base-rate' },
  ],
  // Asked back: more than one indicator fits
  [
    `금\\s*리|이자율|(?<![a-z])(?:interest\\s*rates?|rates)(?![a-z])`,
    { kind: 'ambiguous', term: 'rate', ids: RATE_IDS },
  ],
  [
    `국채|채권|(?<![a-z])(?:bonds?|bond\\s*yields?|yields?)(?![a-z])`,
    { kind: 'ambiguous', term: 'bond', ids: BOND_IDS },
  ],
  [
    `주식\\s*시장|주식|증시|주가\\s*지수|주가|(?<![a-z])(?:stocks?|stock\\s*market|equities|shares)(?![a-z])`,
    { kind: 'ambiguous', term: 'stocks', ids: STOCK_IDS },
  ],

  // Not forecast (yet)
  [
    `달러\\s*인덱스|달러\\s*지수|(?<![a-z])(?:dxy|dollar\\s*index|usd\\s*index)(?![a-z])`,
    { kind: 'unsupported', topic: 'dollar-index', suggest: ['usdkrw'] },
  ],
  [
    `비트\\s*코인|이더리움|리플|도지\\s*코인|코인|가상\\s*화폐|암호\\s*화폐|가상\\s*자산|(?<![a-z])(?:bitcoin|btc|ethereum|eth|crypto(?:currency|currencies)?|xrp|doge(?:coin)?)(?![a-z])`,
    { kind: 'unsupported', topic: 'crypto', suggest: ['gold', 'sp500', 'kospi'] },
  ],
  [
    `나스닥(?:\\s*100)?|다우(?:\\s*존스)?|니케이(?:\\s*225)?|닛케이(?:\\s*225)?|항셍|상해\\s*종합|상하이\\s*종합|유로\\s*스톡스|러셀\\s*2000|(?<![a-z])(?:nasdaq(?:\\s*100)?|dow(?:\\s*jones)?|nikkei(?:\\s*225)?|hang\\s*seng|russell\\s*2000|stoxx\\s*50|ftse(?:\\s*100)?|dax)(?![a-z0-9])`,
    { kind: 'unsupported', topic: 'other-index', suggest: ['sp500', 'kospi', 'kosdaq'] },
  ],
  [
    `(?:위안(?:화)?|파운드(?:화)?|스위스\\s*프랑|(?:호주|캐나다|홍콩|대만|싱가포르|뉴질랜드)\\s*달러|루피|바트)\\s*(?:환율|환률)?|(?:호주|캐나다|홍콩|대만|싱가포르|뉴질랜드)\\s*달러|(?<![a-z])(?:australian|canadian|hong\\s*kong|singapore|taiwan|new\\s*zealand)\\s*dollars?(?![a-z])|루피|바트|(?<![a-z])(?:yuan|cny|rmb|pound|sterling|gbp|aud|cad|chf|rupee)(?![a-z])|엔\\s*달러|달러\\s*엔|(?<![a-z])(?:usd\\s*/?\\s*jpy|eur\\s*/?\\s*usd)(?![a-z])`,
    { kind: 'unsupported', topic: 'other-fx', suggest: ['usdkrw', 'jpykrw', 'eurkrw'] },
  ],
  [
    `미국\\s*(?:소비자\\s*)?물가(?:지수)?|미국\\s*(?:cpi|인플레(?:이션)?)|(?<![a-z])(?:us|u\\.s\\.?|american)\\s*(?:cpi|inflation|consumer prices)(?![a-z])|(?<![a-z])pce(?![a-z])`,
    { kind: 'unsupported', topic: 'us-inflation', suggest: ['kr_cpi'] },
  ],
  [
    `미국\\s*기준\\s*금리|미\\s*기준\\s*금리|연준\\s*금리|연방\\s*기금\\s*금리|연준|fomc|(?<![a-z])(?:fed\\s*funds?(?:\\s*rate)?|the\\s*fed|fed\\s*rate|federal\\s*funds)(?![a-z])`,
    { kind: 'unsupported', topic: 'us-policy-rate', suggest: ['us10y', 'kr_base_rate'] },
  ],
  [
    `부동산|집값|아파트|전세|매매가|주택\\s*가격|(?<![a-z])(?:real\\s*estate|house\\s*prices?|housing|home\\s*prices?)(?![a-z])`,
    { kind: 'unsupported', topic: 'real-estate', suggest: ['kr_base_rate', 'kr_cpi'] },
  ],
  [
    `두바이\\s*유|두바이|(?<![a-z])dubai(?:\\s*crude)?(?![a-z])|은\\s*값|은\\s*시세|은\\s*가격|구리|천연\\s*가스|대두|옥수수|밀\\s*가격|(?<![a-z])(?:silver|copper|natural\\s*gas|wheat|corn|soybeans?)(?![a-z])`,
    { kind: 'unsupported', topic: 'other-commodity', suggest: ['gold', 'wti', 'brent'] },
  ],
  // Rates and maturities not in the catalog: Korea 10-year, US 2-year, loan and deposit rates
  [
    `(?:한국|국내|국고채|국채|한국\\s*국채)\\s*(?:5|10|20|30|오|십)\\s*년(?:물|만기)?${NOT_HORIZON}|(?:미국|미|us|u\\.s\\.?)\\s*(?:국채|treasury)?\\s*(?:2|3|5|30|이|삼|오)\\s*(?:년|y|yr|[\\s-]*year)(?:물)?${NOT_HORIZON}|(?<![0-9])(?:2|5|20|30)\\s*년물|(?:주담대|주택\\s*담보\\s*대출|대출|예금|적금|cd|코픽스|회사채|cp)\\s*금리|코픽스|(?<![a-z])(?:mortgage|deposit|loan|corporate\\s*bond)\\s*rates?(?![a-z])|(?<![a-z])(?:2|two|5|five|30|thirty)[\\s-]*(?:y|yr|year)[\\s-]*(?:treasury|yield|note|bond)s?(?![a-z])`,
    { kind: 'unsupported', topic: 'other-rate', suggest: ['kr_base_rate', 'kr_treasury_3y', 'us10y'] },
  ],
  [
    `실업률|성장률|gdp|경제\\s*성장|수출|무역\\s*수지|(?<![a-z])(?:unemployment|jobless|payrolls|growth\\s*rate)(?![a-z])`,
    { kind: 'unsupported', topic: 'macro', suggest: ['kr_cpi', 'kr_base_rate'] },
  ],
  [
    `점심|저녁|아침\\s*메뉴|날씨|맛집|로또|영화|농담|연애|축구|야구|(?<![a-z])(?:lunch|dinner|weather|joke|movie|recipe|football|lottery)(?![a-z])`,
    { kind: 'unsupported', topic: 'off-topic', suggest: [] },
  ],
];

const STOCK_NAMES = [
  ...STOCK_ALIASES.flatMap((s) => [s.nameKo, ...s.aliases]),
  '삼전',
  '삼성',
  '삼성바이오',
  '삼성sdi',
  '엘지',
  'lg전자',
  'lg화학',
  'lg에너지솔루션',
  '엘지엔솔',
  '셀트리온',
  '에코프로',
  '포스코',
  '기아',
  '현대모비스',
  '한화',
  '두산',
  '하이브',
  '크래프톤',
  '네이버',
  '카카오뱅크',
  '테슬라',
  '애플',
  '엔비디아',
  '마이크로소프트',
  '아마존',
  '구글',
  '알파벳',
  '메타',
  '팔란티어',
  '넷플릭스',
  '쿠팡',
  'tesla',
  'apple',
  'nvidia',
  'microsoft',
  'amazon',
  'google',
  'alphabet',
  'netflix',
  'palantir',
  'aapl',
  'tsla',
  'nvda',
  'msft',
  'amzn',
];
const stockSource = [...new Set(STOCK_NAMES.map((n) => aliasSource(n)))].sort((a, b) => b.length - a.length).join('|');
const STOCK_RULE: [string, SubjectRule] = [
  // A single name, a 6-digit KRX code, or the words for "a stock"
  `${stockSource}|(?<![0-9])\\d{6}(?![0-9])|개별\\s*(?:종목|주식|주)|종목|(?<![a-z])(?:individual|single)\\s+stocks?(?![a-z])`,
  { kind: 'unsupported', topic: 'single-stock', suggest: STOCK_IDS },
];

let compiled: CompiledRule[] | undefined;

/** Every rule, compiled once on first use (nothing runs at import). */
export function subjectRules(): CompiledRule[] {
  if (compiled) return compiled;
  const fromCatalog: CompiledRule[] = CATALOG.flatMap((indicator) =>
    [indicator.id, ...indicator.aliases].map((alias) => ({
      re: new RegExp(aliasSource(alias), 'gu'),
      rule: {
        kind: 'indicator',
        id: indicator.id,
        ...(OIL_WORDS.has(alias) ? { note: 'oil-as-wti' as const } : {}),
        ...(WON_WORDS.has(alias) ? { note: 'won-as-usdkrw' as const } : {}),
      } as SubjectRule,
    })),
  );
  const fromPatterns = [...PATTERNS, STOCK_RULE].map(([source, rule]) => ({ re: new RegExp(source, 'gu'), rule }));
  compiled = [...fromPatterns, ...fromCatalog];
  return compiled;
}

// Catalog aliases of WTI that do not say WTI: the answer says it read them as WTI.
const OIL_WORDS = new Set(['국제유가', '유가', '원유', '기름값', 'crude oil', 'crude', 'oil price', 'oil']);
/** The won by itself: its value is the inverse of USD/KRW, which the answer says and a direction turns around. */
const WON_WORDS = new Set(['원화', 'won']);
