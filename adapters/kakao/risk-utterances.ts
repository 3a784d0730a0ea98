import type { RiskCommand, RiskCommands } from '../../src/risk/risk-commands.js';
import {
  quickReply,
  simpleText,
  skillResponse,
  LIMITS,
  type QuickReply,
  type SkillResponse,
} from './skill-response.js';
import { splitPages } from './split-text.js';

export interface RiskUtterance {
  command: RiskCommand;
  args: string;
}

const PLAN = '대응 방안';
const APPLY = '리밸런싱 적용';

/**
 * Kakao has no slash commands: "내 포트폴리오 위험", "리스크 삼성전자 50% 코스피 30% 달러 20%", "대응 방안",
 * "투자 성향 안정형 10%", "리밸런싱 적용". "리스크 …" needs a weight (%) so a question about risk still reaches the engine.
 */
export function parseRiskUtterance(utterance: string): RiskUtterance | undefined {
  const s = utterance.trim().replace(/\s+/gu, ' ');
  if (/^(?:내 )?포트폴리오 (?:위험|리스크)$/u.test(s)) return { command: 'risk', args: '' };
  const stated = /^(?:리스크|위험) (.+%.*)$/u.exec(s);
  if (stated) return { command: 'risk', args: stated[1]! };
  const plan = /^대응 ?방안(?: (.+%.*))?$/u.exec(s);
  if (plan) return { command: 'plan', args: plan[1] ?? '' };
  const profile = /^투자 ?성향(?: (.+))?$/u.exec(s);
  if (profile) return { command: 'profile', args: profile[1] ?? '' };
  if (/^리밸런싱 ?적용$/u.test(s)) return { command: 'apply', args: '' };
  return undefined;
}

/** The risk text in up to three bubbles, and the natural next step as a quick reply. */
export async function kakaoRiskResponse(
  risk: RiskCommands,
  kakaoUserId: string,
  parsed: RiskUtterance,
): Promise<SkillResponse> {
  const reply = await risk.run({
    userId: `kakao:${kakaoUserId}`,
    locale: 'ko',
    command: parsed.command,
    args: parsed.args,
  });
  const pages = splitPages(reply.text, LIMITS.simpleText).slice(0, LIMITS.outputs);
  // Only an analysis of the paper account itself (no stated weights) can be applied to it.
  const next: QuickReply[] =
    parsed.command === 'risk' && reply.analysis
      ? [quickReply(PLAN)]
      : parsed.command === 'plan' && reply.analysis && parsed.args === ''
        ? [quickReply(APPLY)]
        : [];
  return skillResponse(
    pages.map((p) => simpleText(p.text)),
    next,
  );
}
