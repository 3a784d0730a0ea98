import type { ChartStore } from '../../src/chart/chart-store.js';
import type { ScenarioChat } from '../../src/scenario/scenario-chat.js';
import { simpleImage, simpleText, skillResponse, type Output, type SkillResponse } from './skill-response.js';

/** "시나리오 환율 +10%, 코스피 -15%, 3개월", "/scenario 이름", "scenario versions 이름": the rest goes to the chat handler. */
export function parseScenarioUtterance(utterance: string): string | undefined {
  const m = /^(?:\/scenario|scenario|시나리오)(?:\s+(.*))?$/isu.exec(utterance.trim());
  return m ? (m[1] ?? '').trim() : undefined;
}

/** The reply as a SkillResponse: text (≤1000 chars) and the P&L chart from our /charts route when it is public. */
export async function runKakaoScenario(
  chat: ScenarioChat,
  userKey: string,
  args: string,
  deps: { charts: ChartStore; publicBaseUrl: string | undefined },
): Promise<SkillResponse> {
  // Kakao waits 5 s for the whole answer: the LLM gets 2.5 s of it, then the deterministic text answers.
  const r = await chat.run({ userId: `kakao:${userKey}`, locale: 'ko', args, llmBudgetMs: 2_500 });
  const outputs: Output[] = [simpleText(r.text.slice(0, 1000))];
  if (r.png && deps.publicBaseUrl) {
    const { token } = await deps.charts.put(r.png);
    outputs.push(simpleImage(`${deps.publicBaseUrl}/charts/${token}.png`, '시나리오 손익 차트'));
  }
  return skillResponse(outputs);
}
