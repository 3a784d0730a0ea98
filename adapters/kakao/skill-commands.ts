import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { ScenarioChat } from '../../src/scenario/scenario-chat.js';
import { parseScenarioUtterance, runKakaoScenario } from './scenario-utterance.js';
import type { ChartStore } from '../../src/chart/chart-store.js';
import { questionOverLimit } from '../../src/engine/question-length.js';
import type { Logger } from '../../src/logger.js';
import { t } from '../../src/messages/t.js';
import type { BotCommands } from '../../src/sim/bot-commands.js';
import { retryAfterSeconds } from '../http/index.js';
import { ALERTS, EXAMPLE, MORE, type QuickReplies } from './quick-replies.js';
import { parseSimUtterance, runKakaoSim } from './sim-utterances.js';
import type { SkillResponse } from './skill-response.js';
import { kakaoNewsResponse } from './news-utterance.js';
import { newsUtterance, type NewsReplyDeps } from '../../src/news/news-reply.js';
import { kakaoRiskResponse, parseRiskUtterance } from './risk-utterances.js';
import type { RiskCommands } from '../../src/risk/risk-commands.js';

export interface SkillCommandDeps {
  maxChars: number;
  replies: QuickReplies;
  answerMore(userId: string): Promise<SkillResponse>;
  userLimiter?: RateLimiterAbstract | undefined;
  onUserLimited?: (() => void) | undefined;
  commands?: BotCommands | undefined;
  /** "코스피 뉴스": stored headlines (src/news). */
  news?: NewsReplyDeps | undefined;
  /** "시나리오 ..." utterances (adapters/kakao/scenario-utterance.ts). */
  scenarios?: ScenarioChat | undefined;
  /** "내 포트폴리오 위험", "대응 방안", … (adapters/kakao/risk-utterances.ts). */
  risk?: RiskCommands | undefined;
  charts: ChartStore;
  publicBaseUrl: string | undefined;
  logger: Logger;
}

/**
 * Everything the skill answers before (or instead of) the engine, in this order: a question too long or empty,
 * "시나리오 더 보기", the per-user budget, paper-trading and alert utterances. Undefined: ask the engine.
 */
export async function answerBeforeEngine(
  deps: SkillCommandDeps,
  ask: { utterance: string; userId: string; kakaoUserId: string; requestId: string },
): Promise<SkillResponse | undefined> {
  const { utterance } = ask;
  const over = questionOverLimit(utterance, deps.maxChars);
  if (over) return deps.replies.message(t('ko', 'kakao.tooLong', over));
  if (!utterance) return deps.replies.message(t('ko', 'kakao.whatToAsk', { example: EXAMPLE }));
  if (utterance === MORE) return deps.answerMore(ask.userId);
  const waitS = await userBudget(deps, ask.kakaoUserId, ask.requestId);
  if (waitS !== undefined) {
    deps.onUserLimited?.();
    return deps.replies.message(t('ko', 'kakao.tooMany', { seconds: waitS }));
  }
  const scenarioArgs = deps.scenarios ? parseScenarioUtterance(utterance) : undefined;
  if (deps.scenarios && scenarioArgs !== undefined)
    return runKakaoScenario(deps.scenarios, ask.kakaoUserId, scenarioArgs, {
      charts: deps.charts,
      publicBaseUrl: deps.publicBaseUrl,
    });
  const sim = deps.commands ? parseSimUtterance(utterance) : undefined;
  if (deps.commands && sim)
    return runKakaoSim(deps.commands, ask.kakaoUserId, sim, { charts: deps.charts, publicBaseUrl: deps.publicBaseUrl });
  const newsQuery = deps.news ? newsUtterance(utterance) : undefined;
  if (deps.news && newsQuery) return kakaoNewsResponse(deps.news, newsQuery);
  const riskAsk = deps.risk ? parseRiskUtterance(utterance) : undefined;
  if (deps.risk && riskAsk) return kakaoRiskResponse(deps.risk, ask.kakaoUserId, riskAsk);
  // Alerts arrive with the alerts worker; until then say so rather than pretend to subscribe.
  if (utterance === ALERTS) return deps.replies.message(t('ko', 'kakao.alertsOff'));
  return undefined;
}

/** Seconds to wait when the user is over budget; undefined to go on (also when the limiter cannot decide). */
async function userBudget(deps: SkillCommandDeps, kakaoUserId: string, requestId: string): Promise<number | undefined> {
  if (!deps.userLimiter) return undefined;
  return retryAfterSeconds(deps.userLimiter, kakaoUserId).catch((err: unknown) => {
    deps.logger.warn(
      { requestId, err: { message: (err as Error)?.message } },
      'kakao: user rate limiter failed; question allowed',
    );
    return undefined;
  });
}
