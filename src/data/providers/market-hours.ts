const KST_OFFSET_MS = 9 * 3_600_000;
/** KRX closes at 15:30 KST; closing prices are final after the closing auction is published, so allow ten minutes. */
const KRX_FINAL_MINUTE = 15 * 60 + 40;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The latest KST date whose KRX session has closed: today after 15:40 on a weekday, otherwise the weekday before.
 * A bar dated later is an intraday price, not a close, and must not be stored as one. Exchange holidays are not
 * known here: on one, providers simply have no bar, and the load changes nothing.
 */
export function lastClosedKrxSession(now: number = Date.now()): string {
  const kst = now + KST_OFFSET_MS;
  const d = new Date(kst);
  const minute = d.getUTCHours() * 60 + d.getUTCMinutes();
  let day = kst - (minute >= KRX_FINAL_MINUTE ? 0 : 86_400_000);
  for (;;) {
    const dow = new Date(day).getUTCDay();
    if (dow !== 0 && dow !== 6) return isoDay(day);
    day -= 86_400_000;
  }
}
