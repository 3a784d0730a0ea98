import { randomUUID } from 'node:crypto';
import { CATALOG } from '../data/catalog.js';
import type { SeriesRepository } from '../data/series.js';
import { RiskXpertError, isRiskXpertError } from '../errors.js';
import type { Locale } from '../locale.js';
import { t, type MessageKey } from '../messages/t.js';
import type { ScenarioRecord, ScenarioResultRecord, ScenarioStore, ScenarioVersion } from '../store/scenario-store.js';
import { findEpisode, replayEpisode, REPLAY_EPISODES } from './historical-replays.js';
import { loadPanel, type MonthlyPanel } from './monthly-panel.js';
import { parseScenarioText } from './parse-scenario-text.js';
import { replayResult, runScenario, type ScenarioResult } from './run-scenario.js';
import { parseScenarioSpec, type ScenarioSpec } from './scenario-schema.js';
import type { Holding } from './stress-pnl.js';

export interface ScenarioServiceDeps {
  store: ScenarioStore;
  series: SeriesRepository;
  now?: () => Date;
  newId?: () => string;
}

/** A store error (English, for logs) in the user's language. */
function localize(err: unknown, locale: Locale, name: string): never {
  if (
    isRiskXpertError(err) &&
    typeof err.details?.messageKey === 'string' &&
    err.details.messageKey.startsWith('scenario.')
  ) {
    throw new RiskXpertError(err.code, t(locale, err.details.messageKey as MessageKey, { name, version: '' }), {
      cause: err,
      details: err.details,
    });
  }
  throw err;
}

/** What every step of the service shares: the dependencies, the clock, the id maker and the panel loader. */
interface ServiceContext {
  deps: ScenarioServiceDeps;
  now: () => Date;
  newId: () => string;
  panel: () => Promise<MonthlyPanel>;
}

/** A scenario the user may read: by id (own or shared), else by name (own first, then shared). */
async function findReadable(
  ctx: ServiceContext,
  userId: string,
  idOrName: string,
  locale: Locale,
): Promise<ScenarioRecord> {
  const byId = await ctx.deps.store.get(idOrName).catch(() => undefined);
  if (byId && (byId.ownerId === userId || byId.shared)) return byId;
  const list = await ctx.deps.store.list(userId);
  const byName =
    list.find((s) => s.ownerId === userId && s.spec.name === idOrName) ?? list.find((s) => s.spec.name === idOrName);
  if (!byName)
    throw new RiskXpertError('NOT_FOUND', t(locale, 'scenario.notFound', { name: idOrName }), {
      details: { messageKey: 'scenario.notFound' },
    });
  return byName;
}

/** Stores a saved scenario's result with the version it used (an unsaved spec's result is not stored). */
async function recordResult(ctx: ServiceContext, userId: string, result: ScenarioResult): Promise<ScenarioResult> {
  if (result.scenarioId && result.version) {
    const rec: ScenarioResultRecord = {
      id: ctx.newId(),
      scenarioId: result.scenarioId,
      version: result.version,
      userId,
      createdAt: ctx.now(),
      doc: result,
    };
    await ctx.deps.store.saveResult(rec);
  }
  return result;
}

/** The spec of the asked version (the latest when none, or the same), refused in the user's language if missing. */
async function specAtVersion(
  ctx: ServiceContext,
  s: ScenarioRecord,
  asked: number | undefined,
  locale: Locale,
): Promise<{ spec: ScenarioSpec; version: number }> {
  if (asked === undefined || asked === s.version) return { spec: s.spec, version: s.version };
  const v = await ctx.deps.store.getVersion(s.id, asked);
  if (!v)
    throw new RiskXpertError('NOT_FOUND', t(locale, 'scenario.versionNotFound', { name: s.spec.name, version: asked }));
  return { spec: v.spec, version: v.version };
}

/** A replay named in a chat message: its id, Korean name, or English name in any case. */
const replayNamed = (name: string) =>
  REPLAY_EPISODES.find((e) => e.id === name || e.nameKo === name || e.nameEn.toLowerCase() === name.toLowerCase());

/** Create, edit (each edit a new version), delete, and read scenarios, their versions and recorded results. */
function editingSteps(ctx: ServiceContext) {
  const { deps, now, newId } = ctx;
  const readable = (userId: string, idOrName: string, locale: Locale) => findReadable(ctx, userId, idOrName, locale);
  return {
    async create(
      userId: string,
      input: unknown,
      options: { locale: Locale; shared?: boolean },
    ): Promise<ScenarioRecord> {
      const spec = parseScenarioSpec(input, options.locale);
      return deps.store.create({ id: newId(), ownerId: userId, shared: options.shared ?? false, spec, now: now() });
    },
    async update(userId: string, idOrName: string, input: unknown, locale: Locale): Promise<ScenarioRecord> {
      const spec = parseScenarioSpec(input, locale);
      const current = await readable(userId, idOrName, locale);
      return deps.store
        .update(current.id, userId, spec, now())
        .catch((e: unknown) => localize(e, locale, current.spec.name));
    },
    async remove(userId: string, idOrName: string, locale: Locale): Promise<boolean> {
      const current = await readable(userId, idOrName, locale);
      return deps.store.remove(current.id, userId, now()).catch((e: unknown) => localize(e, locale, current.spec.name));
    },
    list: (userId: string) => deps.store.list(userId),
    get: (userId: string, idOrName: string, locale: Locale) => readable(userId, idOrName, locale),
    async versions(userId: string, idOrName: string, locale: Locale): Promise<ScenarioVersion[]> {
      return deps.store.versions((await readable(userId, idOrName, locale)).id);
    },
    async results(userId: string, idOrName: string, locale: Locale): Promise<ScenarioResultRecord[]> {
      return deps.store.listResults((await readable(userId, idOrName, locale)).id);
    },
  };
}

/** Runs: a saved scenario at a version, an unsaved spec, a chat text, a replay, and every scenario on one portfolio. */
function runningSteps(ctx: ServiceContext) {
  const { deps, panel } = ctx;
  return {
    /** Runs a saved scenario (its latest version, or `version`) and records the result with that version. */
    async runSaved(
      userId: string,
      idOrName: string,
      options: { locale: Locale; version?: number; holdings?: readonly Holding[] },
    ): Promise<ScenarioResult> {
      const s = await findReadable(ctx, userId, idOrName, options.locale);
      const { spec, version } = await specAtVersion(ctx, s, options.version, options.locale);
      const result = runScenario(await panel(), spec, {
        scenarioId: s.id,
        version,
        ...(options.holdings ? { holdings: options.holdings } : {}),
      });
      return recordResult(ctx, userId, result);
    },
    /** Runs an unsaved spec (the editor's live preview, a chat message). */
    async preview(input: unknown, options: { locale: Locale; holdings?: readonly Holding[] }): Promise<ScenarioResult> {
      const spec = parseScenarioSpec(input, options.locale);
      return runScenario(await panel(), spec, options.holdings ? { holdings: options.holdings } : {});
    },
    /** A chat message: shocks in text ("환율 +10%, 코스피 -15%, 3개월"), or a saved scenario's or a replay's name. */
    async runText(
      userId: string,
      text: string,
      options: { locale: Locale; holdings?: readonly Holding[] },
    ): Promise<ScenarioResult> {
      const parsed = parseScenarioText(text, options.locale);
      if (parsed.kind === 'spec') return this.preview(parsed.input, options);
      const episode = replayNamed(parsed.name);
      if (episode) return this.replay(episode.id, options);
      return this.runSaved(userId, parsed.name, options);
    },
    async replay(
      episodeId: string,
      options: { locale: Locale; holdings?: readonly Holding[] },
    ): Promise<ScenarioResult> {
      const episode = findEpisode(episodeId);
      if (!episode) throw new RiskXpertError('NOT_FOUND', t(options.locale, 'scenario.notFound', { name: episodeId }));
      return replayResult(replayEpisode(await panel(), episode), options.locale, options.holdings);
    },
    /** Every saved scenario the user sees and every replay, on one portfolio, worst total P&L first. */
    async stressAll(userId: string, holdings: readonly Holding[], locale: Locale): Promise<ScenarioResult[]> {
      const p = await panel();
      const saved = (await deps.store.list(userId)).map((s) =>
        runScenario(p, s.spec, { scenarioId: s.id, version: s.version, holdings }),
      );
      const replays = REPLAY_EPISODES.map((e) => replayResult(replayEpisode(p, e), locale, holdings));
      return [...saved, ...replays].sort((a, b) => (a.pnl?.totalWon ?? 0) - (b.pnl?.totalWon ?? 0));
    },
  };
}

/**
 * Scenarios for every surface: validated specs, versioned edits, runs that record the version they used, historical
 * replays and stress P&L. Surfaces map their input to these calls and nothing else.
 */
export function createScenarioService(deps: ScenarioServiceDeps) {
  const ctx: ServiceContext = {
    deps,
    now: deps.now ?? (() => new Date()),
    newId: deps.newId ?? randomUUID,
    panel: () =>
      loadPanel(
        deps.series,
        CATALOG.map((i) => i.id),
      ),
  };
  return { ...editingSteps(ctx), ...runningSteps(ctx) };
}

export type ScenarioService = ReturnType<typeof createScenarioService>;
