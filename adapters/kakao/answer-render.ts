import { t } from '../../src/messages/t.js';
import type { Collected, Run } from './answer-run.js';
import type { ClarifyReplies } from './clarify-replies.js';
import { MORE, type QuickReplies } from './quick-replies.js';
import { takePage, type RecentAnswer, type RecentAnswers } from './recent-answers.js';
import { KAKAO_SKILL_TIMEOUT_MS, within } from './skill-http.js';
import {
  quickReply,
  simpleImage,
  simpleText,
  skillResponse,
  type Output,
  type SkillResponse,
} from './skill-response.js';

export interface AnswerRenderDeps {
  publicBaseUrl: string | undefined;
  inlineBudgetMs: number;
  recent: RecentAnswers;
  clarify: ClarifyReplies;
  replies: QuickReplies;
}

/** Turns what a run collected into a SkillResponse, and pages the rest on "시나리오 더 보기". */
export function createAnswerRenderer(deps: AnswerRenderDeps) {
  const { replies, recent } = deps;

  /** Renders what has been collected, and keeps what was not shown for "시나리오 더 보기". */
  function render(c: Collected, run: Run, userId: string): SkillResponse {
    if (c.error) return replies.message(c.error.message);
    if (c.clarify) return deps.clarify.render(userId, c.question, c.clarify);
    const f = c.forecast;
    if (!f) return replies.message(t('ko', c.done && !c.stopped ? 'kakao.notReady' : 'kakao.notInTime'));
    const outputs: Output[] = [];
    if (c.chartToken && deps.publicBaseUrl) {
      outputs.push(
        simpleImage(
          `${deps.publicBaseUrl}/charts/${c.chartToken}.png`,
          t('ko', 'kakao.chartAlt', { name: f.indicator.nameKo, months: f.horizonMonths }),
        ),
      );
    }
    const complete = () => c.done || c.stopped;
    const summaryShown = c.summary !== undefined;
    const entry: RecentAnswer = {
      indicatorId: f.indicator.id,
      horizonMonths: f.horizonMonths,
      // Only appended to while the engine streams; with the summary not shown yet, it leads the pages.
      source: {
        text: summaryShown ? () => c.scenario : () => (c.summary === undefined ? '' : `${c.summary}\n\n${c.scenario}`),
        complete,
        settled: run.finished,
      },
      shown: 0,
    };
    if (summaryShown) {
      outputs.push(simpleText(c.summary!));
      const { page } = takePage(entry);
      if (page) outputs.push(simpleText(page));
    } else {
      outputs.push(
        simpleText(complete() ? t('ko', 'kakao.summaryNotInTime') : t('ko', 'kakao.stillWriting', { more: MORE })),
      );
    }
    const more = !complete() || entry.source.text().slice(entry.shown).trim().length > 0;
    recent.set(userId, entry);
    const quick = replies.suggestions(f.indicator.id, f.horizonMonths);
    if (more) quick.unshift(quickReply(MORE));
    return skillResponse(outputs, quick);
  }

  /** The next page of the user's last answer, waiting (within the skill limit) while it is still being written. */
  async function answerMore(userId: string): Promise<SkillResponse> {
    const entry = recent.get(userId);
    if (!entry) return replies.message(t('ko', 'kakao.nothingMore'));
    if (!entry.source.complete())
      await within(entry.source.settled, Math.min(deps.inlineBudgetMs, KAKAO_SKILL_TIMEOUT_MS - 1_000));
    const { page, more } = takePage(entry);
    const quick = replies.suggestions(entry.indicatorId, entry.horizonMonths);
    if (more) quick.unshift(quickReply(MORE));
    if (page) return skillResponse([simpleText(page)], quick);
    return skillResponse(
      [simpleText(more ? t('ko', 'kakao.scenarioStillWriting', { more: MORE }) : t('ko', 'kakao.nothingMore'))],
      quick,
    );
  }

  return { render, answerMore };
}
