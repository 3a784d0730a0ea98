import { isRiskXpertError } from '../errors.js';
import type { Locale } from '../locale.js';
import { t } from '../messages/t.js';
import { narrateScenario, type ScenarioLlm } from './scenario-narration.js';
import { parseScenarioText } from './parse-scenario-text.js';
import type { ScenarioResult } from './run-scenario.js';
import type { ScenarioSurface } from './scenario-surface.js';
import { renderStressChart, stressBars } from './stress-chart.js';

export interface ScenarioChatReply {
  text: string;
  /** The P&L bar chart, when the run had holdings. */
  png?: Uint8Array;
  result?: ScenarioResult;
}

export interface ScenarioChat {
  run(request: { userId: string; locale: Locale; args: string }): Promise<ScenarioChatReply>;
}

const USER_FACING = new Set(['BAD_REQUEST', 'NOT_FOUND', 'UNAUTHORIZED']);
const NAMED = /^(save|edit|저장|수정)\s+([^:：]{1,80})[:：]\s*(.+)$/isu;

/**
 * `/scenario ...` for every chat platform (Telegram, Discord, Kakao): the adapters map their input to `args` and the
 * reply to their message format, nothing else. Runs use the user's paper portfolio.
 */
export function createScenarioChat(
  surface: () => Promise<ScenarioSurface>,
  options: { llm?: ScenarioLlm; llmTimeoutMs?: number } = {},
): ScenarioChat {
  async function withChart(result: ScenarioResult, locale: Locale): Promise<ScenarioChatReply> {
    const { text } = await narrateScenario(result, locale, {
      ...(options.llm ? { llm: options.llm } : {}),
      ...(options.llmTimeoutMs ? { timeoutMs: options.llmTimeoutMs } : {}),
    });
    if (!result.pnl?.holdings.length) return { text, result };
    const png = await renderStressChart(stressBars(result.pnl, locale), { title: result.name, locale });
    return { text, png, result };
  }

  return {
    async run(request) {
      try {
        return await handle(request);
      } catch (err) {
        // Refusals (validation, unknown name, not the owner) are answers in the user's language, not failures.
        if (isRiskXpertError(err) && USER_FACING.has(err.code)) return { text: `⚠️ ${err.message}` };
        throw err;
      }
    },
  };

  async function handle({
    userId,
    locale,
    args,
  }: {
    userId: string;
    locale: Locale;
    args: string;
  }): Promise<ScenarioChatReply> {
    const s = await surface();
    const text = args.trim();
    if (!text || /^(help|도움말)$/iu.test(text)) return { text: t(locale, 'scenario.usage') };
    if (/^(list|목록)$/iu.test(text)) {
      const list = await s.service.list(userId);
      if (!list.length) return { text: t(locale, 'scenario.listEmpty') };
      return {
        text: list.map((r, i) => `${i + 1}. ${r.spec.name} (v${r.version}${r.shared ? ', shared' : ''})`).join('\n'),
      };
    }
    const named = NAMED.exec(text);
    if (named) {
      const parsed = parseScenarioText(named[3]!, locale);
      if (parsed.kind !== 'spec') return { text: t(locale, 'scenario.unparsed') };
      const input = { ...parsed.input, name: named[2]!.trim() };
      const edit = /^(edit|수정)$/iu.test(named[1]!);
      const rec = edit
        ? await s.service.update(userId, input.name, input, locale)
        : await s.service.create(userId, input, { locale });
      return {
        text: t(locale, 'scenario.saved', {
          name: rec.spec.name,
          version: rec.version,
        }),
      };
    }
    const versions = /^(versions|버전)\s+(.+)$/iu.exec(text);
    if (versions) {
      const [list, results] = await Promise.all([
        s.service.versions(userId, versions[2]!, locale),
        s.service.results(userId, versions[2]!, locale),
      ]);
      return {
        text: list
          .map(
            (v) =>
              `v${v.version} ${v.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC: ${v.spec.shocks.map((x) => `${x.indicatorId} ${x.move > 0 ? '+' : ''}${x.move}${x.unit}`).join(', ')}, ${v.spec.horizonMonths}m · runs ${results.filter((r) => r.version === v.version).length}`,
          )
          .join('\n'),
      };
    }
    const holdings = await s.paperHoldings(userId);
    const replay = /^(replay|재현)\s+(\S+)$/iu.exec(text);
    if (replay) return withChart(await s.service.replay(replay[2]!, { locale, holdings }), locale);
    return withChart(await s.service.runText(userId, text, { locale, holdings }), locale);
  }
}
