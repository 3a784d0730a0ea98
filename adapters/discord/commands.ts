import { SCENARIO_COMMAND } from './scenario-command.js';
import { INSTRUMENT_OPTION } from './sim-commands.js';
import { RISK_SLASH_COMMANDS } from './risk-commands.js';

const INDICATOR = {
  type: 3,
  name: 'indicator',
  name_localizations: { ko: '지표' },
  description: 'KOSPI, USD/KRW, ...',
  description_localizations: { ko: '코스피, 환율 등' },
  required: true,
  autocomplete: true,
} as const;
const QUANTITY = {
  type: 4,
  name: 'quantity',
  name_localizations: { ko: '수량' },
  description: 'Units',
  description_localizations: { ko: '수량' },
  required: true,
  min_value: 1,
  max_value: 1_000_000_000,
} as const;

/** Slash command definitions with Korean localizations, as registered by `riskxpert discord:register`. */
export const DISCORD_COMMANDS = [
  {
    name: 'forecast',
    name_localizations: { ko: '전망' },
    description: 'Forecast an indicator with an 80% prediction interval',
    description_localizations: { ko: '지표의 전망과 80% 예측구간' },
    options: [
      {
        type: 3,
        name: 'indicator',
        name_localizations: { ko: '지표' },
        description: 'KOSPI, USD/KRW, ...',
        description_localizations: { ko: '코스피, 환율 등' },
        required: true,
        autocomplete: true,
      },
      {
        type: 4,
        name: 'months',
        name_localizations: { ko: '개월' },
        description: 'Months ahead (1-24)',
        description_localizations: { ko: '몇 개월 뒤 (1~24)' },
        required: true,
        min_value: 1,
        max_value: 24,
      },
      {
        type: 3,
        name: 'question',
        name_localizations: { ko: '질문' },
        description: 'Your question (optional)',
        description_localizations: { ko: '질문 (선택)' },
        required: false,
        max_length: 500,
      },
    ],
  },
  {
    name: 'indicators',
    name_localizations: { ko: '지표목록' },
    description: 'What RiskXpert can forecast',
    description_localizations: { ko: '예측 가능한 지표' },
  },
  {
    name: 'history',
    name_localizations: { ko: '기록' },
    description: 'Your recent answers',
    description_localizations: { ko: '내 최근 답변' },
  },
  {
    name: 'news',
    name_localizations: { ko: '뉴스' },
    description: 'Recent financial news and a digest',
    description_localizations: { ko: '최근 금융 뉴스와 요약' },
    options: [
      {
        type: 3,
        name: 'query',
        name_localizations: { ko: '검색어' },
        description: 'An indicator or words',
        description_localizations: { ko: '지표 또는 검색어' },
        required: true,
        max_length: 60,
      },
    ],
  },
  {
    name: 'subscribe',
    name_localizations: { ko: '알림' },
    description: 'Get alerts (DM) when an indicator crosses a rule',
    description_localizations: { ko: '지표가 조건을 넘으면 DM 알림' },
    options: [
      INDICATOR,
      {
        type: 3,
        name: 'rule',
        name_localizations: { ko: '조건' },
        description: 'Which rule (default: drawdown)',
        description_localizations: { ko: '조건 (기본: 고점 대비 하락)' },
        required: false,
        choices: [
          {
            name: 'Drawdown from the 90-day peak, %',
            name_localizations: { ko: '고점 대비 하락 %' },
            value: 'drawdown',
          },
          { name: 'Move in a day, %', name_localizations: { ko: '하루 변동 %' }, value: 'move day' },
          { name: 'Move in a month, %', name_localizations: { ko: '한 달 변동 %' }, value: 'move month' },
          { name: 'Volatility spike, z-score', name_localizations: { ko: '변동성 급등 z' }, value: 'vol' },
          {
            name: 'Forecast lower band below a level',
            name_localizations: { ko: '예측 하단이 기준 아래로' },
            value: 'band',
          },
          { name: 'Stop-loss on your paper position, %', name_localizations: { ko: '모의투자 손절 %' }, value: 'stop' },
          {
            name: 'Take-profit on your paper position, %',
            name_localizations: { ko: '모의투자 익절 %' },
            value: 'take',
          },
          { name: 'News bursts and key releases', name_localizations: { ko: '뉴스 급증·주요 발표' }, value: 'news' },
        ],
      },
      {
        type: 10,
        name: 'value',
        name_localizations: { ko: '값' },
        description: 'Threshold (%, z, or level)',
        description_localizations: { ko: '기준값 (%, z, 수준)' },
        required: false,
      },
    ],
  },
  {
    name: 'unsubscribe',
    name_localizations: { ko: '알림해제' },
    description: 'Stop an alert (number from /subscriptions, or all)',
    description_localizations: { ko: '알림 해제 (목록 번호 또는 all)' },
    options: [
      {
        type: 3,
        name: 'which',
        name_localizations: { ko: '번호' },
        description: '1, 2, ... or all',
        description_localizations: { ko: '1, 2, ... 또는 all' },
        required: true,
        max_length: 10,
      },
    ],
  },
  {
    name: 'subscriptions',
    name_localizations: { ko: '알림목록' },
    description: 'Your alerts',
    description_localizations: { ko: '내 알림 목록' },
  },
  {
    name: 'quiet',
    name_localizations: { ko: '방해금지' },
    description: 'Quiet hours for alerts, Seoul time (e.g. 23:00-07:00, or off)',
    description_localizations: { ko: '알림 방해 금지 시간 (예: 23:00-07:00, 끄기는 off)' },
    options: [
      {
        type: 3,
        name: 'hours',
        name_localizations: { ko: '시간' },
        description: '23:00-07:00 or off',
        description_localizations: { ko: '23:00-07:00 또는 off' },
        required: true,
        max_length: 20,
      },
    ],
  },
  {
    name: 'buy',
    name_localizations: { ko: '매수' },
    description: 'Paper-buy at the latest price',
    description_localizations: { ko: '최신 가격으로 모의 매수' },
    options: [INSTRUMENT_OPTION, QUANTITY],
  },
  {
    name: 'sell',
    name_localizations: { ko: '매도' },
    description: 'Paper-sell at the latest price',
    description_localizations: { ko: '최신 가격으로 모의 매도' },
    options: [INSTRUMENT_OPTION, QUANTITY],
  },
  {
    name: 'portfolio',
    name_localizations: { ko: '포트폴리오' },
    description: 'Your paper account: positions, P&L, value chart',
    description_localizations: { ko: '모의투자 계좌: 보유, 손익, 평가액 차트' },
  },
  {
    name: 'reset',
    name_localizations: { ko: '초기화' },
    description: 'Start the paper account over',
    description_localizations: { ko: '모의투자 계좌 초기화' },
  },
  ...RISK_SLASH_COMMANDS,
  SCENARIO_COMMAND,
] as const;
