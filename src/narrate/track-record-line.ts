import type { Locale } from '../locale.js';
import { t, type MessageKey } from '../messages/t.js';

/** The selection forecaster's provenance as the narrator sees it (NarrationFacts.trackRecord). */
export interface TrackRecordFacts {
  /** Menu methods averaged into the median (selection/menu.ts names). */
  methods: string[];
  horizon: number;
  /** Past monthly origins scored, out of sample. */
  origins: number;
  wqlVsNaive: number;
  hitRate80: number;
  naiveHitRate80: number;
}

const METHODS = new Set(['naive', 'theta', 'damped-holt', 'ar1-120', 'ar1-240', 'seasonal-trend', 'drift-half']);

function span(origins: number, locale: Locale): string {
  if (origins % 12 === 0 && origins > 12) return t(locale, 'track.span.years', { n: origins / 12 });
  return t(locale, 'track.span.months', { n: origins });
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/**
 * One plain line on what made the forecast and how it has done on this series at this horizon, out of sample:
 * its loss against the "no change" forecast and how often its 80% band held the outcome. Where the served median
 * is the last value itself (nothing beat it on this family), comparing it with "no change" would read as nonsense,
 * so the line says why it is the last value and reports the band's record alone.
 */
export function trackRecordLine(r: TrackRecordFacts | undefined, locale: Locale): string | undefined {
  if (!r || !Number.isFinite(r.wqlVsNaive) || r.origins <= 0) return undefined;
  const common = {
    span: span(r.origins, locale),
    horizon: r.horizon,
    hit: pct(r.hitRate80),
    naiveHit: pct(r.naiveHitRate80),
  };
  if (r.methods.length === 1 && r.methods[0] === 'naive') return t(locale, 'track.lineNoChange', common);
  const methods = r.methods
    .map((m) => (METHODS.has(m) ? t(locale, `track.method.${m}` as MessageKey) : m))
    .join(t(locale, 'track.methodSeparator'));
  const diff = Math.round((1 - r.wqlVsNaive) * 100);
  const vs =
    diff > 0
      ? t(locale, 'track.vs.better', { pct: diff })
      : diff < 0
        ? t(locale, 'track.vs.worse', { pct: -diff })
        : t(locale, 'track.vs.same');
  return t(locale, 'track.line', { ...common, methods, vs });
}

/**
 * The summary any narrator wrote, with the track-record line after it: the LLM is not trusted to state the
 * record (or to state it right), so it is added in code, in the user's language, unless the text already ends
 * with it (the deterministic narrator writes it itself).
 */
export function withTrackRecordLine(text: string, r: TrackRecordFacts | undefined, locale: Locale): string {
  const line = trackRecordLine(r, locale);
  if (!line || text.includes(line)) return text;
  return text.trim() === '' ? line : `${text.trimEnd()} ${line}`;
}

/** The line as an optional field of the forecast event (web pages show it apart from the narration). */
export function trackRecordField(r: TrackRecordFacts | undefined, locale: Locale): { trackRecordLine?: string } {
  const line = trackRecordLine(r, locale);
  return line ? { trackRecordLine: line } : {};
}

/** The text without that line: what the LLM's scenario follows (its percentages are not grounding facts). */
export function withoutTrackRecordLine(text: string, r: TrackRecordFacts | undefined, locale: Locale): string {
  const line = trackRecordLine(r, locale);
  return line ? text.replace(line, '').trimEnd() : text;
}
