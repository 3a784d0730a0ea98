import { isRiskXpertError } from '../errors.js';
import type { Locale } from '../locale.js';
import { t } from '../messages/t.js';
import { scenarioCaption } from './explain-scenario.js';
import { streamScenarioNarration, type ScenarioLlm, type ScenarioNarration } from './scenario-narration.js';
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

/** A reply whose explanation streams (Telegram and Discord edits, the web's events). */
export interface ScenarioChatStream {
  /** The P&L bar chart with its caption (the lead and the portfolio line), when the run had holdings. */
  png?: Uint8Array;
  caption?: string;
  result?: ScenarioResult;
  /** The explanation as it arrives; a refusal, a list or a saved note: its whole text once. */
  text: AsyncIterable<string>;
  /** How the explanation ended (LLM or deterministic), once `text` is done; undefined for non-run replies. */
  narration(): ScenarioNarration | undefined;
}

export interface ScenarioChatRequest {
  userId: string;
  locale: Locale;
  args: string;
  /** The most the LLM may take in all (Kakao answers inline within 5 s); past it the deterministic text answers. */
  llmBudgetMs?: number;
}

export interface ScenarioChat {
  /** The whole reply at once (Kakao). */
  run(request: ScenarioChatRequest): Promise<ScenarioChatReply>;
  stream(request: ScenarioChatRequest): Promise<ScenarioChatStream>;
}

const USER_FACING = new Set(['BAD_REQUEST', 'NOT_FOUND', 'UNAUTHORIZED']);
const NAMED = /^(save|edit|저장|수정)\s+([^:：]{1,80})[:：]\s*(.+)$/isu;

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}
const whole = (text: string): ScenarioChatStream => ({ text: once(text), narration: () => undefined });

/**
 * `/scenario ...` for every chat platform (Telegram, Discord, Kakao): the adapters map their input to `args` and the
 * reply to their message format, nothing else. Runs use the user's paper portfolio.
 */
export function createScenarioChat(
  surface: () => Promise<ScenarioSurface>,
  options: { llm?: ScenarioLlm; llmTimeoutMs?: number } = {},
): ScenarioChat {
  async function withChart(result: ScenarioResult, locale: Locale, budgetMs?: number): Promise<ScenarioChatStream> {
    const narration = streamScenarioNarration(result, locale, {
      ...(options.llm ? { llm: options.llm } : {}),
      ...(options.llmTimeoutMs ? { timeoutMs: options.llmTimeoutMs } : {}),
      ...(budgetMs ? { totalMs: budgetMs } : {}),
    });
    const base = { text: narration, narration: () => narration.outcome(), result };
    if (!result.pnl?.holdings.length) return base;
    const png = await renderStressChart(stressBars(result.pnl, locale), { title: result.name, locale });
    return { ...base, png, caption: scenarioCaption(result, locale) };
  }

  async function stream(request: ScenarioChatRequest): Promise<ScenarioChatStream> {
    try {
      return await handle(request);
    } catch (err) {
      // Refusals (validation, unknown name, not the owner) are answers in the user's language, not failures.
      if (isRiskXpertError(err) && USER_FACING.has(err.code)) return whole(`⚠️ ${err.message}`);
      throw err;
    }
  }

  return {
    stream,
    async run(request) {
      const r = await stream(request);
      let text = '';
      for await (const piece of r.text) text += piece;
      return { text, ...(r.png ? { png: r.png } : {}), ...(r.result ? { result: r.result } : {}) };
    },
  };

  async function handle({ userId, locale, args, llmBudgetMs }: ScenarioChatRequest): Promise<ScenarioChatStream> {
    const s = await surface();
    const text = args.trim();
    if (!text || /^(help|도움말)$/iu.test(text)) return whole(t(locale, 'scenario.usage'));
    if (/^(list|목록)$/iu.test(text)) {
      const list = await s.service.list(userId);
      if (!list.length) return whole(t(locale, 'scenario.listEmpty'));
      return whole(
        list.map((r, i) => `${i + 1}. ${r.spec.name} (v${r.version}${r.shared ? ', shared' : ''})`).join('\n'),
      );
    }
    const named = NAMED.exec(text);
    if (named) {
      const parsed = parseScenarioText(named[3]!, locale);
      if (parsed.kind !== 'spec') return whole(t(locale, 'scenario.unparsed'));
      const input = { ...parsed.input, name: named[2]!.trim() };
      const edit = /^(edit|수정)$/iu.test(named[1]!);
      const rec = edit
        ? await s.service.update(userId, input.name, input, locale)
        : await s.service.create(userId, input, { locale });
      return whole(t(locale, 'scenario.saved', { name: rec.spec.name, version: rec.version }));
    }
    const versions = /^(versions|버전)\s+(.+)$/iu.exec(text);
    if (versions) {
      const [list, results] = await Promise.all([
        s.service.versions(userId, versions[2]!, locale),
        s.service.results(userId, versions[2]!, locale),
      ]);
      return whole(
        list
          .map(
            (v) =>
              `v${v.version} ${v.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC: ${v.spec.shocks.map((x) => `${x.indicatorId} ${x.move > 0 ? '+' : ''}${x.move}${x.unit}`).join(', ')}, ${v.spec.horizonMonths}m · runs ${results.filter((r) => r.version === v.version).length}`,
          )
          .join('\n'),
      );
    }
    const holdings = await s.paperHoldings(userId);
    const replay = /^(replay|재현)\s+(\S+)$/iu.exec(text);
    if (replay) return withChart(await s.service.replay(replay[2]!, { locale, holdings }), locale, llmBudgetMs);
    return withChart(await s.service.runText(userId, text, { locale, holdings }), locale, llmBudgetMs);
  }
}
