/** Slash command definitions with Korean localizations, as registered by `riskxpert discord:register`. */
export const DISCORD_COMMANDS = [
  {
    name: 'forecast',
    name_localizations: { ko: '전망' },
    description: 'Forecast an indicator with an 80% prediction interval',
    description_localizations: { ko: '지표의 전망과 80% 예측구간' },
    options: [
      { type: 3, name: 'indicator', name_localizations: { ko: '지표' }, description: 'KOSPI, USD/KRW, ...', description_localizations: { ko: '코스피, 환율 등' }, required: true, autocomplete: true },
      { type: 4, name: 'months', name_localizations: { ko: '개월' }, description: 'Months ahead (1-24)', description_localizations: { ko: '몇 개월 뒤 (1~24)' }, required: true, min_value: 1, max_value: 24 },
      { type: 3, name: 'question', name_localizations: { ko: '질문' }, description: 'Your question (optional)', description_localizations: { ko: '질문 (선택)' }, required: false, max_length: 500 },
    ],
  },
  { name: 'indicators', name_localizations: { ko: '지표목록' }, description: 'What RiskXpert can forecast', description_localizations: { ko: '예측 가능한 지표' } },
  { name: 'history', name_localizations: { ko: '기록' }, description: 'Your recent answers', description_localizations: { ko: '내 최근 답변' } },
  { name: 'subscribe', name_localizations: { ko: '알림' }, description: 'Get alerts for an indicator', description_localizations: { ko: '지표 알림 받기' } },
  { name: 'unsubscribe', name_localizations: { ko: '알림해제' }, description: 'Stop alerts', description_localizations: { ko: '알림 끄기' } },
] as const;
