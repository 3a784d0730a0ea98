import { CATALOG, getIndicator } from '../../src/data/catalog.js';
import type { Logger } from '../../src/logger.js';
import { t } from '../../src/messages/t.js';
import { quickReply, simpleText, skillResponse, type QuickReply, type SkillResponse } from './skill-response.js';

export const MORE = t('ko', 'kakao.more');
export const ALERTS = t('ko', 'kakao.alerts');
export const EXAMPLE = t('ko', 'kakao.example');

/** Indicators offered as quick replies first (the most asked), then the rest of the catalog. */
const PREFERRED = ['kospi', 'usdkrw', 'kr_base_rate', 'sp500', 'gold'];
const rank = (id: string) => (PREFERRED.includes(id) ? PREFERRED.indexOf(id) : PREFERRED.length);

/**
 * The quick replies under every answer: other horizons of the same indicator, then indicators that have data (the
 * list is refreshed at most once a minute), then alerts. `message` is a text bubble with them.
 */
export function createQuickReplies(deps: {
  availableIndicators?: () => Promise<string[]>;
  now: () => number;
  logger: Logger;
}) {
  const ordered = [...CATALOG].sort((a, b) => rank(a.id) - rank(b.id));
  let available: { ids: Set<string>; at: number } | undefined;
  let refreshing: Promise<void> | undefined;
  const fresh = () => available !== undefined && deps.now() - available.at < 60_000;

  function refresh(): Promise<void> {
    if (!deps.availableIndicators || fresh()) return Promise.resolve();
    refreshing ??= deps
      .availableIndicators()
      .then((ids) => void (available = { ids: new Set(ids), at: deps.now() }))
      .catch((err: unknown) => deps.logger.warn({ err }, 'kakao: cannot list available indicators'))
      .finally(() => (refreshing = undefined));
    return refreshing;
  }

  // The same few lists are built for every answer; rebuilt only when the list of indicators with data changes.
  const built = new Map<string, QuickReply[]>();
  let builtFor: typeof available;
  function suggestions(indicatorId?: string, horizon?: number): QuickReply[] {
    if (builtFor !== available) {
      built.clear();
      builtFor = available;
    }
    const key = `${indicatorId ?? ''}|${horizon ?? ''}`;
    let replies = built.get(key);
    if (!replies) {
      replies = build(indicatorId, horizon);
      // Bounded: indicator ids come from the engine, but a stock code per question could otherwise grow it.
      if (built.size >= 1_000) built.clear();
      built.set(key, replies);
    }
    // A copy: callers put "시나리오 더 보기" in front.
    return [...replies];
  }

  function build(indicatorId?: string, horizon?: number): QuickReply[] {
    const replies: QuickReply[] = [];
    const indicator = indicatorId ? getIndicator(indicatorId) : undefined;
    if (indicator) {
      for (const h of [3, 6, 12]) {
        if (h !== horizon)
          replies.push(
            quickReply(
              t('ko', 'kakao.horizonReply', { months: h }),
              t('ko', 'kakao.outlook', { name: indicator.nameKo, months: h }),
            ),
          );
      }
    }
    const others = ordered.filter((i) => i.id !== indicatorId && (!available || available.ids.has(i.id))).slice(0, 4);
    for (const other of others)
      replies.push(quickReply(other.nameKo, t('ko', 'kakao.outlook', { name: other.nameKo, months: horizon ?? 6 })));
    replies.push(quickReply(ALERTS));
    return replies;
  }

  const message = (text: string, indicatorId?: string, horizon?: number): SkillResponse =>
    skillResponse([simpleText(text)], suggestions(indicatorId, horizon));

  return { suggestions, message, refresh, needsRefresh: () => deps.availableIndicators !== undefined && !fresh() };
}
export type QuickReplies = ReturnType<typeof createQuickReplies>;
