import type { QuietHours } from '../store/subscription-store.js';

const SEOUL_OFFSET_MIN = 9 * 60;

/** Minutes after midnight in Asia/Seoul (no daylight saving, so a fixed offset is exact). */
export function seoulMinuteOfDay(at: number): number {
  return Math.floor((((at / 60_000 + SEOUL_OFFSET_MIN) % 1_440) + 1_440) % 1_440);
}

/**
 * How long to hold a push that falls in quiet hours (0 when outside them). Held, not dropped: the notify job is
 * delayed to the end of the quiet period.
 */
export function quietDelayMs(quiet: QuietHours | undefined, at: number): number {
  if (!quiet || quiet.startMinute === quiet.endMinute) return 0;
  const m = seoulMinuteOfDay(at);
  const inside =
    quiet.startMinute < quiet.endMinute
      ? m >= quiet.startMinute && m < quiet.endMinute
      : m >= quiet.startMinute || m < quiet.endMinute;
  if (!inside) return 0;
  const minutesLeft = (quiet.endMinute - m + 1_440) % 1_440;
  // Align to the exact minute boundary, not "now + whole minutes".
  const intoMinute = at % 60_000;
  return minutesLeft * 60_000 - intoMinute;
}

/** "23:00-07:00" → quiet hours; empty → none. */
export function parseQuietHours(text: string | undefined): QuietHours | undefined {
  if (!text?.trim()) return undefined;
  const m = /^\s*(\d{1,2}):?(\d{2})?\s*[-~]\s*(\d{1,2}):?(\d{2})?\s*$/u.exec(text);
  if (!m) return undefined;
  const start = Number(m[1]) * 60 + Number(m[2] ?? 0);
  const end = Number(m[3]) * 60 + Number(m[4] ?? 0);
  if (start >= 1_440 || end >= 1_440 || Number(m[2] ?? 0) >= 60 || Number(m[4] ?? 0) >= 60) return undefined;
  return { startMinute: start, endMinute: end };
}

export function formatQuietHours(q: QuietHours): string {
  const f = (x: number) => `${String(Math.floor(x / 60)).padStart(2, '0')}:${String(x % 60).padStart(2, '0')}`;
  return `${f(q.startMinute)}-${f(q.endMinute)}`;
}
