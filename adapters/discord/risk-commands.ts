import { Routes, type REST } from 'discord.js';
import type { Locale } from '../../src/locale.js';
import type { RiskCommand, RiskCommands } from '../../src/risk/risk-commands.js';
import type { Interaction, InteractionResponse } from './interaction-types.js';

const EPHEMERAL = 64;
const TEXT = { type: 3, name: 'text', required: false, max_length: 300 } as const;

/** Slash command definitions for /risk, /plan, /profile (appended to DISCORD_COMMANDS). */
export const RISK_SLASH_COMMANDS = [
  {
    name: 'risk',
    name_localizations: { ko: '위험' },
    description: 'Portfolio risk: VaR/ES, score, report (paper account, or "KOSPI 60%, dollar 40%")',
    description_localizations: {
      ko: '포트폴리오 위험: VaR/ES, 점수, 보고서 (모의계좌 또는 "삼성전자 50%, 코스피 30%")',
    },
    options: [{ ...textOption('holdings') }],
  },
  {
    name: 'plan',
    name_localizations: { ko: '대응' },
    description: 'Response plan and a rebalance proposal (education, not advice)',
    description_localizations: { ko: '대응 계획과 리밸런싱 예시 (교육용)' },
    options: [{ ...textOption('holdings') }],
  },
  {
    name: 'profile',
    name_localizations: { ko: '성향' },
    description: 'Risk profile: stable, balanced or aggressive, and a loss limit',
    description_localizations: { ko: '위험 성향: 안정형/균형형/공격형과 손실 한도' },
    options: [{ ...textOption('appetite') }],
  },
  {
    name: 'apply',
    name_localizations: { ko: '적용' },
    description: 'Apply the last recommendation to your paper account (education)',
    description_localizations: { ko: '최근 추천을 모의투자 계좌에 적용 (교육용)' },
  },
] as const;

function textOption(what: 'holdings' | 'appetite') {
  return what === 'holdings'
    ? {
        ...TEXT,
        description: 'e.g. Samsung 50%, KOSPI 30%, dollar 20%',
        description_localizations: { ko: '예: 삼성전자 50%, 코스피 30%, 달러 20%' },
      }
    : { ...TEXT, description: 'e.g. balanced 10%', description_localizations: { ko: '예: 균형형 10%' } };
}

/** Deferred ephemeral (a portfolio is private), then the text edits the original response. */
export function riskCommand(
  rest: REST,
  risk: RiskCommands,
  i: Interaction,
  locale: Locale,
  userId: string,
): { response: InteractionResponse; background: () => Promise<void> } {
  return {
    response: { type: 5, data: { flags: EPHEMERAL } },
    background: async () => {
      const args = String(i.data?.options?.find((o) => o.name === 'text')?.value ?? '');
      const r = await risk.run({ userId: `discord:${userId}`, locale, command: i.data!.name as RiskCommand, args });
      await rest.patch(Routes.webhookMessage(i.application_id, i.token, '@original'), {
        body: { content: r.text.slice(0, 2000) },
      });
    },
  };
}
