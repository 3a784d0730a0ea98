import type { Api } from 'grammy';
import { SIM_MENU } from './sim-commands.js';

export const HELP = {
  ko: '📈 RiskXpert: 지표의 1~24개월 전망을 80% 예측구간과 함께 알려 드려요.\n\n/forecast 코스피 6 — 코스피 6개월 전망\n/indicators — 예측 가능한 지표\n/history — 내 최근 질문\n\n개인 대화에서는 "앞으로 6개월 환율 어때?"처럼 그냥 물어보셔도 돼요. 투자 권유가 아닙니다.',
  en: '📈 RiskXpert forecasts indicators 1-24 months ahead with an 80% prediction interval.\n\n/forecast kospi 6 — KOSPI, 6 months\n/indicators — what I can forecast\n/history — your recent questions\n\nIn a private chat just ask, e.g. "USD/KRW next 12 months?". Not investment advice.',
};

/** Commands shown in Telegram's menu, in Korean and English. */
export async function registerTelegramCommands(api: Api): Promise<void> {
  await api.setMyCommands([
    { command: 'forecast', description: 'Forecast an indicator: /forecast kospi 6' },
    { command: 'indicators', description: 'What I can forecast' },
    { command: 'history', description: 'Your recent answers' },
    { command: 'help', description: 'How to use RiskXpert' },
    ...SIM_MENU.en,
  ]);
  await api.setMyCommands(
    [
      { command: 'forecast', description: '지표 전망: /forecast 코스피 6' },
      { command: 'indicators', description: '예측 가능한 지표' },
      { command: 'history', description: '내 최근 답변' },
      { command: 'help', description: '사용법' },
      ...SIM_MENU.ko,
    ],
    { language_code: 'ko' },
  );
}
